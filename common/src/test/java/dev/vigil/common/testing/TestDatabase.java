package dev.vigil.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own for a test run, created on a PostgreSQL server and dropped when the JVM exits.
 *
 * <p>The server is, in order: the one named by {@code VIGIL_TEST_DB_URL} (a JDBC URL of any database on it, with
 * {@code user} and {@code password} parameters as needed); a TimescaleDB container when Docker is available; the
 * local server at {@code 127.0.0.1:5432} as user {@code postgres}. Databases are named {@code vigil_test_<epoch>_<n>};
 * ones left by a killed run are dropped after {@link #ABANDONED_AFTER_SECONDS}.
 */
public final class TestDatabase implements AutoCloseable {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final long ABANDONED_AFTER_SECONDS = 6 * 3600;

    private static DatabaseServer server;
    private static TestDatabase shared;

    private final DatabaseServer host;
    private final String name;
    private final String jdbcUrl;
    private volatile boolean dropped;

    private TestDatabase(DatabaseServer host, String name) {
        this.host = host;
        this.name = name;
        this.jdbcUrl = host.urlOf(name);
    }

    /** The database shared by the tests of this JVM, migrated. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = create();
            shared.migrate();
        }
        return shared;
    }

    /** A new, empty database (not migrated); dropped by {@link #close()} or at JVM exit. */
    public static synchronized TestDatabase create() {
        DatabaseServer host = server();
        String name = "vigil_test_" + Instant.now().getEpochSecond() + "_"
                + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
        host.execute("CREATE DATABASE " + name);
        TestDatabase database = new TestDatabase(host, name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-" + name));
        return database;
    }

    /** A new database with the full migration history applied. */
    public static TestDatabase createMigrated() {
        TestDatabase database = create();
        database.migrate();
        return database;
    }

    private static DatabaseServer server() {
        if (server == null) {
            String url = System.getenv("VIGIL_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                server = new DatabaseServer(url);
            } else if (TimescaleContainer.dockerAvailable()) {
                server = new DatabaseServer(TimescaleContainer.start());
            } else {
                server = new DatabaseServer(DEFAULT_URL);
            }
            server.dropAbandoned();
        }
        return server;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database, credentials included as parameters. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Applies the migration history of common ({@code db/migration}). */
    public TestDatabase migrate() {
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();
        return this;
    }

    /** Whether TimescaleDB is enabled in this database (so the hypertable path of the migrations ran). */
    public boolean hasTimescale() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring properties pointing a service at this database. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", "",
                "spring.datasource.password", "");
    }

    public void registerIn(DynamicPropertyRegistry registry) {
        springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            try {
                host.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // At JVM exit the server may already be gone (a container); nothing is left to clean.
                System.err.println("could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }

    /** A PostgreSQL server on which test databases are made, reached through an admin URL. */
    private static final class DatabaseServer {

        private final String adminUrl;

        DatabaseServer(String adminUrl) {
            this.adminUrl = adminUrl;
        }

        String urlOf(String database) {
            // jdbc:postgresql://host:port/db?params → same with another db
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(adminUrl, new Properties());
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + redacted() + " refused: " + sql + ": "
                        + e.getMessage() + " (set VIGIL_TEST_DB_URL to a server tests may create databases on)", e);
            }
        }

        void dropAbandoned() {
            long cutoff = Instant.now().getEpochSecond() - ABANDONED_AFTER_SECONDS;
            List<String> abandoned = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'vigil\\_test\\_%'")) {
                while (rs.next()) {
                    String[] parts = rs.getString(1).split("_");
                    if (parts.length >= 3 && parts[2].matches("\\d+") && Long.parseLong(parts[2]) < cutoff) {
                        abandoned.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach PostgreSQL at " + redacted() + ": " + e.getMessage()
                        + " (start it, or set VIGIL_TEST_DB_URL)", e);
            }
            abandoned.forEach(db -> execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"));
        }

        private String redacted() {
            return adminUrl.replaceAll("password=[^&]*", "password=***");
        }
    }
}
