package dev.vigil.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start a local stack.
 *
 * @param databaseUrl JDBC URL of an existing PostgreSQL (credentials as URL parameters), or null for the embedded one
 * @param dataDir     where the embedded PostgreSQL keeps its data between runs
 * @param apiPort     the api-service port (0 for any free port)
 * @param sqsPort     the embedded ElasticMQ port (0 for any free port)
 * @param regions     local probe regions, one probe-worker each
 * @param extra       further properties given to every service (e.g. a test's shorter intervals)
 */
public record LocalStackOptions(String databaseUrl, Path dataDir, int apiPort, int sqsPort, List<String> regions,
                                Map<String, String> extra) {

    public static final List<String> LOCAL_REGIONS = List.of("local-a", "local-b", "local-c");

    public LocalStackOptions {
        regions = List.copyOf(regions);
        extra = Map.copyOf(extra);
    }

    public LocalStackOptions withExtra(Map<String, String> more) {
        java.util.Map<String, String> merged = new java.util.HashMap<>(extra);
        merged.putAll(more);
        return new LocalStackOptions(databaseUrl, dataDir, apiPort, sqsPort, regions, merged);
    }
}
