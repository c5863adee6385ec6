package dev.vigil.common.check;

/** The database servers a DATABASE check can reach, with the port each listens on by default. */
public enum DatabaseEngine {
    POSTGRESQL(5432),
    /** MySQL and MariaDB (one wire protocol). */
    MYSQL(3306),
    REDIS(6379);

    private final int defaultPort;

    DatabaseEngine(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
