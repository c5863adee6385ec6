package dev.vigil.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** PostgreSQL run from the zonky binaries, its data kept in a folder so monitors survive restarts. */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            // A previous run killed with -9 leaves its pid file; the server it names is gone with it.
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // The stack stops it, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + versionHint(dataDir),
                    e);
        }
    }

    /** A data folder of another major version does not open: say which one it is. */
    private static String versionHint(Path dataDir) {
        try {
            Path version = dataDir.resolve("PG_VERSION");
            return Files.exists(version) ? " (its data was written by PostgreSQL " + Files.readString(version).strip()
                    + "; if that is not this Vigil's version, move the folder away or set VIGIL_DB_URL)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
