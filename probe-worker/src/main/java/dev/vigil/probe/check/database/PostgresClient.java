package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL through pgjdbc, used as a library (its {@code Driver} instance directly, never the global
 * {@code DriverManager}). The query runs in a {@code BEGIN READ ONLY} transaction under a {@code statement_timeout}
 * of the time left, and is rolled back.
 */
final class PostgresClient implements DatabaseClient {

    static final long CANCEL_GRACE_MS = 500;

    @Override
    public DatabaseEngine engine() {
        return DatabaseEngine.POSTGRESQL;
    }

    @Override
    public DatabaseAnswer probe(DatabaseTarget target, String query) throws SQLException {
        long start = System.nanoTime();
        String url = "jdbc:postgresql://" + target.urlHost() + ":" + target.port() + "/"
                + (target.database() == null ? "" : URLEncoder.encode(target.database(), StandardCharsets.UTF_8));
        Properties properties = new Properties();
        properties.setProperty("user", target.username() == null ? "" : target.username());
        // Always a password, if empty: without one pgjdbc would look for a .pgpass file of this machine.
        properties.setProperty("password", target.password() == null ? "" : target.password());
        properties.setProperty("connectTimeout", String.valueOf(target.remainingSeconds()));
        properties.setProperty("socketTimeout", String.valueOf(target.remainingSeconds()));
        properties.setProperty("ApplicationName", "Vigil probe");
        // GSS encryption would ask this machine's Kerberos set-up; TLS is used when the server offers it.
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("sslmode", "prefer");
        try (Connection connection = new org.postgresql.Driver().connect(url, properties)) {
            long loggedIn = System.nanoTime();
            String server = "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
            if (query == null) {
                return new DatabaseAnswer(server, millis(loggedIn - start), null, null);
            }
            long left = target.remaining().toMillis();
            // The server cancels the statement at the time left; the socket waits a little longer, so the answer
            // is the server's "canceling statement due to statement timeout" rather than a cut connection.
            connection.setNetworkTimeout(Runnable::run, (int) (left + CANCEL_GRACE_MS));
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL statement_timeout = " + left);
                statement.setMaxRows(1);
                long queryStart = System.nanoTime();
                String value = SqlValues.firstValue(statement, query);
                long queried = System.nanoTime();
                return new DatabaseAnswer(server, millis(loggedIn - start), millis(queried - queryStart), value);
            } finally {
                rollback(connection);
            }
        }
    }

    /** Ends the read-only transaction; a failure here (a connection already cut) must not hide the query's error. */
    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next either way
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
