package dev.vigil.common.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** TimescaleDB in a container, for machines with Docker and no {@code VIGIL_TEST_DB_URL}. */
final class TimescaleContainer {

    private static final DockerImageName IMAGE = DockerImageName.parse("timescale/timescaledb:2.17.2-pg16")
            .asCompatibleSubstituteFor("postgres");

    private TimescaleContainer() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts the container (stopped by Testcontainers at JVM exit) and answers its admin JDBC URL. */
    static String start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + container.getUsername() + "&password=" + container.getPassword();
    }
}
