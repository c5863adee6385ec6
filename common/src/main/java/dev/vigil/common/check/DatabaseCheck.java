package dev.vigil.common.check;

/**
 * Database reachability: a connection (and login) to a PostgreSQL, MySQL/MariaDB or Redis server, then optionally one
 * read-only query. SQL runs in a read-only transaction under a statement timeout; Redis commands are limited to
 * {@link ReadOnlyQueries#REDIS_COMMANDS}. Credentials are never stored here in clear: {@code password} is a reference
 * to a workspace variable ({@code {{vars.NAME}}}), which the job carries sealed and the probe opens to log in.
 *
 * @param engine   which server
 * @param host     host name or IP address
 * @param port     its port
 * @param database the database to connect to (SQL engines; for Redis the database number, or null)
 * @param username the user to log in as (a name or a {@code {{vars.NAME}}}); Redis: an ACL user, or null
 * @param password a {@code {{vars.NAME}}} reference, or null to log in without one
 * @param query    one read-only statement (SQL) or command (Redis); null: connecting is the check (Redis: PING)
 * @param expect   a regular expression the first value of the answer must contain a match of, or null
 */
public record DatabaseCheck(DatabaseEngine engine, String host, int port, String database, String username,
                            String password, String query, String expect) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.DATABASE;
    }

    @Override
    public String target() {
        String scheme = engine == null ? "db" : engine.name().toLowerCase(java.util.Locale.ROOT);
        return scheme + "://" + host + ":" + port + (database == null || database.isEmpty() ? "" : "/" + database);
    }
}
