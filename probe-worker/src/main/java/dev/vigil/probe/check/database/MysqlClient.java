package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * MySQL and MariaDB through MariaDB Connector/J (its {@code Driver} instance directly). The driver's options that
 * would let a hostile server reach into the probe are off: {@code LOAD DATA LOCAL INFILE} (the server asks the
 * client for a file of its choosing), server redirection (a server could send the probe to another host, around the
 * SSRF guard) and authentication plugins that talk to other systems (GSSAPI, PAM dialogs). The query runs in a
 * {@code START TRANSACTION READ ONLY} under the server's statement time limit and is rolled back.
 */
final class MysqlClient implements DatabaseClient {

    /** Password plugins that need nothing but the server; others are refused before any is tried. */
    static final String AUTH_PLUGINS = "mysql_native_password,client_ed25519,caching_sha2_password";

    @Override
    public DatabaseEngine engine() {
        return DatabaseEngine.MYSQL;
    }

    @Override
    public DatabaseAnswer probe(DatabaseTarget target, String query) throws SQLException {
        long start = System.nanoTime();
        String url = "jdbc:mariadb://" + target.urlHost() + ":" + target.port() + "/"
                + (target.database() == null ? "" : URLEncoder.encode(target.database(), StandardCharsets.UTF_8));
        Properties properties = new Properties();
        properties.setProperty("user", target.username() == null ? "" : target.username());
        properties.setProperty("password", target.password() == null ? "" : target.password());
        properties.setProperty("connectTimeout", String.valueOf(target.remaining().toMillis()));
        // The server's statement limit is the time left; the socket waits a little longer for its error.
        properties.setProperty("socketTimeout", String.valueOf(target.remaining().toMillis()
                + PostgresClient.CANCEL_GRACE_MS));
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("permitRedirect", "false");
        properties.setProperty("allowMultiQueries", "false");
        properties.setProperty("restrictedAuth", AUTH_PLUGINS);
        try (Connection connection = new org.mariadb.jdbc.Driver().connect(url, properties)) {
            long loggedIn = System.nanoTime();
            String version = connection.getMetaData().getDatabaseProductVersion();
            boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
            String server = (mariadb ? "MariaDB " : "MySQL ") + version;
            if (query == null) {
                return new DatabaseAnswer(server, millis(loggedIn - start), null, null);
            }
            try (Statement statement = connection.createStatement()) {
                long left = target.remaining().toMillis();
                // MariaDB limits any statement (seconds); MySQL limits SELECTs (milliseconds).
                statement.execute(mariadb ? "SET SESSION max_statement_time = " + left / 1000.0
                        : "SET SESSION max_execution_time = " + left);
                statement.execute("START TRANSACTION READ ONLY");
                try {
                    statement.setMaxRows(1);
                    long queryStart = System.nanoTime();
                    String value = SqlValues.firstValue(statement, query);
                    long queried = System.nanoTime();
                    return new DatabaseAnswer(server, millis(loggedIn - start), millis(queried - queryStart), value);
                } finally {
                    rollback(statement);
                }
            }
        }
    }

    /** Ends the read-only transaction; a failure here must not hide the query's own error. */
    private static void rollback(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection is closed next either way
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
