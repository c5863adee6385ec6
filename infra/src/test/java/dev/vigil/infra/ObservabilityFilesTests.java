package dev.vigil.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus rules are well-formed, every rule says how bad and what happened, and
 * both cover what issue 10 asks for. That every metric they name is one the services register is checked against a
 * live scrape of every service by the local stack's ObservabilityIT.
 */
class ObservabilityFilesTests {

    static final Path DASHBOARD = Path.of("observability", "grafana", "vigil.json");
    static final Path RULES = Path.of("observability", "prometheus", "vigil-rules.yml");
    private static final Pattern METRIC = Pattern.compile("\\b((?:vigil|http|hikaricp|jvm|process)_[a-z0-9_]+)");

    @Test
    void theDashboardIsGrafanaJsonWithAQueryInEveryPanel() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));

        assertThat(dashboard.get("uid").asString()).isEqualTo("vigil-ops");
        List<JsonNode> panels = dashboard.get("panels").valueStream().toList();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10).allSatisfy(panel -> {
            assertThat(panel.get("title").asString()).isNotBlank();
            assertThat(panel.get("targets").valueStream().toList()).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.get("expr").asString()).isNotBlank());
        });
        assertThat(panels.stream().map(p -> p.get("id").asInt()).distinct().count()).isEqualTo(panels.size());
        assertThat(metricNames(Files.readString(DASHBOARD))).contains("vigil_scheduler_lag_seconds_bucket",
                "vigil_probe_queue_wait_seconds_max", "vigil_ingest_lag_seconds_bucket", "vigil_queue_depth",
                "vigil_fleet_probes_live", "vigil_notifications_pending", "vigil_sqs_requests_seconds_count",
                "hikaricp_connections_active", "http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleHasAnExpressionADurationASeverityAndASummary() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) document.get("groups");
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                assertThat(alerts.add(alert)).as("alert names are unique: " + alert).isTrue();
                assertThat((String) rule.get("expr")).as(alert).isNotBlank();
                assertThat((String) rule.get("for")).as(alert).matches("\\d+[smh]");
                assertThat(((Map<String, String>) rule.get("labels")).get("severity")).as(alert)
                        .isIn("page", "ticket");
                assertThat(((Map<String, String>) rule.get("annotations")).get("summary")).as(alert).isNotBlank();
                assertThat(metricNames((String) rule.get("expr"))).as(alert).isNotEmpty();
            }
        }
        // What the issue asks alerts for: queue age, schedule lag, ingest lag, DLQ depth, notification failures,
        // and probe heartbeats.
        assertThat(alerts).contains("VigilQueueAge", "VigilScheduleLag", "VigilIngestLag", "VigilDeadLetters",
                "VigilNotificationsStuck", "VigilProbeRegionQuiet", "VigilNoActiveScheduler");
    }

    /** Metric names a text (PromQL in rules or panels) uses. */
    static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
