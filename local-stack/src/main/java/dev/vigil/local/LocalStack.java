package dev.vigil.local;

import dev.vigil.alerting.AlertingApplication;
import dev.vigil.api.ApiApplication;
import dev.vigil.common.sqs.embedded.EmbeddedSqsServer;
import dev.vigil.probe.ProbeApplication;
import dev.vigil.scheduler.SchedulerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the services in dependency order (queues and database first, then the services that own the schema and the
 * queues, the probes, and the API last so it is reachable only when the pipeline behind it is up), and stops them in
 * reverse.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private EmbeddedSqsServer sqs;
    private ConfigurableApplicationContext api;
    private final Map<String, ConfigurableApplicationContext> probes = new HashMap<>();
    private ConfigurableApplicationContext scheduler;
    private ConfigurableApplicationContext alerting;

    private LocalStack() {
    }

    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack();
        try {
            stack.boot(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(LocalStackOptions options) {
        sqs = EmbeddedSqsServer.start(options.sqsPort());
        started.add(sqs);
        String databaseUrl = options.databaseUrl();
        if (databaseUrl == null) {
            EmbeddedDatabase database = EmbeddedDatabase.start(options.dataDir());
            started.add(database);
            databaseUrl = database.jdbcUrl();
        }
        Map<String, Object> shared = sharedProperties(options, databaseUrl);

        alerting = run(AlertingApplication.application(), shared, Map.of(
                "server.port", 0, "spring.autoconfigure.exclude", ServiceProfiles.backendExclusions(),
                ServiceProfiles.API_DOCS, false));
        scheduler = run(SchedulerApplication.application(), shared, Map.of(
                "server.port", 0, "spring.autoconfigure.exclude", ServiceProfiles.backendExclusions(),
                ServiceProfiles.API_DOCS, false));
        for (String region : options.regions()) {
            probes.put(region, run(ProbeApplication.application(), shared, Map.of(
                    "server.port", 0, "vigil.probe.region", region,
                    "spring.autoconfigure.exclude", ServiceProfiles.probeExclusions(),
                    ServiceProfiles.API_DOCS, false)));
        }
        api = run(ApiApplication.application(), shared, Map.of("server.port", options.apiPort()));
    }

    private Map<String, Object> sharedProperties(LocalStackOptions options, String databaseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", "");
        properties.put("spring.datasource.password", "");
        properties.put("vigil.sqs.endpoint", sqs.endpoint().toString());
        for (int i = 0; i < options.regions().size(); i++) {
            String region = options.regions().get(i);
            properties.put("vigil.regions[" + i + "].id", region);
            properties.put("vigil.regions[" + i + "].name", "Local " + region.substring(region.length() - 1)
                    .toUpperCase(java.util.Locale.ROOT));
        }
        // Local mode: short intervals, and targets on this machine or its network may be checked.
        properties.put("vigil.monitors.min-interval-seconds", 5);
        // Browser checks: 5 minutes apart in SaaS mode (their cost), every 30 s at most on one's own machine.
        properties.put("vigil.monitors.browser-min-interval-seconds", 30);
        properties.put("vigil.probe.allow-private-targets", true);
        properties.put("vigil.channel.allow-private-targets", true);
        properties.put("vigil.mode", "local");
        // Shorter long polls: stopping waits for the current one, and requests cost nothing locally.
        properties.put("vigil.sqs.wait-time", "5s");
        // Each service's actuator on a port of its own choosing, as in production never the public one.
        properties.put("management.server.port", 0);
        // One shutdown hook (the launcher's) stops the services in order; their own would race each other.
        properties.put("spring.main.register-shutdown-hook", false);
        properties.putAll(options.extra());
        return properties;
    }

    private ConfigurableApplicationContext run(SpringApplicationBuilder builder, Map<String, Object> shared,
                                               Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.putAll(own);
        // As command-line arguments: they outrank the services' own configuration files, as a deployment's would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = builder.run(args);
        started.add(context);
        // Later contexts must not re-initialise logging set up by the first.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        return context;
    }

    public int apiPort() {
        return port(api);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort();
    }

    public ConfigurableApplicationContext api() {
        return api;
    }

    public ConfigurableApplicationContext scheduler() {
        return scheduler;
    }

    public ConfigurableApplicationContext alerting() {
        return alerting;
    }

    public ConfigurableApplicationContext probe(String region) {
        return probes.get(region);
    }

    public String sqsEndpoint() {
        return sqs.endpoint().toString();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The port a service's actuator (health, info, prometheus) answers on: never its public one. */
    public static int managementPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    /** A line per service with its address, for people. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("api-service        http://localhost:" + apiPort());
        lines.add("api actuator       http://localhost:" + managementPort(api) + "/actuator/health");
        lines.add("scheduler-service  http://localhost:" + managementPort(scheduler) + "/actuator/health");
        lines.add("alerting-service   http://localhost:" + managementPort(alerting) + "/actuator/health");
        probes.forEach((region, context) ->
                lines.add("probe " + region + "      http://localhost:" + managementPort(context) + "/actuator/health"));
        lines.add("SQS (ElasticMQ)    " + sqs.endpoint());
        return lines;
    }

    /**
     * Stops everything in reverse order of start: the API first, so no new work arrives, then the scheduler, then the
     * probes and the alerting service together (each drains its queues), then the queues and the database. Each part
     * is stopped even if another fails to.
     */
    @Override
    public void close() {
        closeAll(List.of(api, scheduler).stream().filter(java.util.Objects::nonNull).map(c -> (AutoCloseable) c)
                .toList());
        List<AutoCloseable> drainers = new ArrayList<>(probes.values());
        if (alerting != null) {
            drainers.add(alerting);
        }
        drainers.parallelStream().forEach(part -> closeAll(List.of(part)));
        List<AutoCloseable> rest = new ArrayList<>(started);
        rest.removeAll(drainers);
        rest.remove(api);
        rest.remove(scheduler);
        Collections.reverse(rest);
        closeAll(rest);
        started.clear();
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
