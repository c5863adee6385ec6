package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.imports.UptimeKumaImporterTests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The Uptime Kuma import end to end, and the read and operate commands (monitors create, results, uptime, incidents,
 * status pages, maintenance, channels, completion) against a real api-service.
 */
class VigilCommandsIT extends CliTestBase {

    /** Secrets the imported Kuma notifications need, as the import asked for them. */
    private static final Map<String, String> KUMA_SECRETS = Map.ofEntries(
            Map.entry("KUMA_OPS_SLACK_WEBHOOK_URL", "https://93.184.215.14/slack-hook"),
            Map.entry("KUMA_DEPLOY_HOOK_SECRET", "a-webhook-secret-0123456789"),
            Map.entry("KUMA_TEAM_TELEGRAM_BOT_TOKEN", "123456:ABCDEF-telegram-token"),
            Map.entry("KUMA_OPSGENIE_EU_API_KEY", "0a1b2c3d-opsgenie-secret-0001"),
            Map.entry("KUMA_PHONE_NTFY_TOPIC_URL", "https://93.184.215.14/acmealertsx7q2"),
            Map.entry("KUMA_PHONE_NTFY_TOKEN", "tk_ntfysecrettoken0001"),
            Map.entry("KUMA_OPS_CHAT_WEBHOOK_URL", "https://93.184.215.14/v1/spaces/AAA/messages?key=k&token=t"),
            Map.entry("KUMA_MATTERMOST_WEBHOOK_URL", "https://93.184.215.14/hooks/mattermost0001"),
            Map.entry("KUMA_MATRIX_ROOM_ACCESS_TOKEN", "syt_matrixsecrettoken0001"),
            Map.entry("KUMA_PUSHOVER_APP_TOKEN", "azGDORePK8gMaC0QOYAMyEEuzJnyUi"),
            Map.entry("KUMA_PUSHOVER_USER_KEY", "uQiRzpo4DXghDmr9QzzfQu27cmVRsG"));

    @Autowired
    JdbcClient jdbc;

    private String monitorId(String key, String name) {
        return vigil(key, Map.of(), "monitors", "list", "--output", "json").json().valueStream()
                .filter(m -> m.get("name").asString().equals(name)).findFirst().orElseThrow().get("id").asString();
    }

    @Test
    void aKuma2DatabaseIsImportedAndAppliedEndToEnd() throws Exception {
        String key = signUp();
        Path database = UptimeKumaImporterTests.kumaDatabase(home);
        Path document = home.resolve("vigil.yaml");

        Run imported = vigil(key, Map.of(), "import", "uptime-kuma", database.toString(), "-f", document.toString());
        Run plan = vigil(key, KUMA_SECRETS, "plan", "-f", document.toString(), "--detailed-exitcode");
        Run applied = vigil(key, KUMA_SECRETS, "apply", "-f", document.toString());
        Run list = vigil(key, Map.of(), "monitors", "list", "--output", "json");
        Run again = vigil(key, KUMA_SECRETS, "plan", "-f", document.toString(), "--detailed-exitcode");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("Wrote " + document + " (16 monitors, 10 alert channels)",
                "monitor[21] (Office VPN): not imported", "monitor[15] (Legacy SQL Server): not imported",
                "KUMA_OPS_SLACK_WEBHOOK_URL: notification[1] (Ops Slack)",
                "set the workspace variable KUMA_ORDERS_DB_PASSWORD");
        assertThat(Files.readString(document)).contains("key: shop-search", "env: KUMA_TEAM_TELEGRAM_BOT_TOKEN")
                .doesNotContain("hooks.slack.com", "hunter2");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(ExitCodes.CHANGES_PENDING);
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("Applied: 26 to create");
        assertThat(list.json().valueStream().map(m -> m.get("name").asString() + " " + m.get("type").asString() + " "
                + m.get("status").asString())).containsExactlyInAnyOrder("Homepage HTTP PENDING",
                "Shop search HTTP PENDING", "API status HTTP PENDING", "Postgres TCP PAUSED",
                "DNS example.com DNS PENDING", "Nightly backup HEARTBEAT PENDING", "Router PING PENDING",
                "Admin HTTP PENDING", "Old URL redirects HTTP PENDING", "Orders DB DATABASE PENDING",
                "Sessions cache DATABASE PENDING", "Reports MySQL DATABASE PENDING", "Mail relay SMTP PENDING",
                "Mail submission SMTP PENDING", "Live feed WEBSOCKET PENDING", "Payments gRPC GRPC PENDING");
        var orders = list.json().valueStream().filter(m -> m.get("name").asString().equals("Orders DB"))
                .findFirst().orElseThrow();
        assertThat(orders.get("password").asString()).isEqualTo("{{vars.KUMA_ORDERS_DB_PASSWORD}}");
        assertThat(again.exit()).as(again.out()).isZero();
        Run channels = vigil(key, Map.of(), "channels", "list");
        assertThat(channels.out()).contains("Ops Slack", "SLACK", "Team Telegram", "TELEGRAM", "On-call mail",
                "OPSGENIE", "NTFY", "GOOGLE_CHAT", "MATTERMOST", "MATRIX", "PUSHOVER");
        // Kuma's tags and groups are the workspace's tags and groups now.
        var homepage = list.json().valueStream().filter(m -> m.get("name").asString().equals("Homepage"))
                .findFirst().orElseThrow();
        assertThat(homepage.get("tags").valueStream().map(t -> t.get("name").asString()))
                .containsExactlyInAnyOrder("env:prod", "critical");
        assertThat(homepage.get("groupId").isString()).isTrue();
    }

    @Test
    void aKuma1BackupIsImportedAndAppliedEndToEnd() throws Exception {
        String key = signUp();
        Path backup = file("backup.json", UptimeKumaImporterTests.resource("/uptime-kuma/backup.json"));
        Path document = home.resolve("from-backup.yaml");

        Run imported = vigil(key, Map.of(), "import", "uptime-kuma", backup.toString(), "-f", document.toString());
        Run applied = vigil(key, Map.of("KUMA_OPS_DISCORD_WEBHOOK_URL", "https://93.184.215.14/discord-hook",
                "KUMA_PAGERDUTY_ROUTING_KEY", "0123456789abcdef0123456789abcdef"), "apply", "-f", document.toString());
        Run list = vigil(key, Map.of(), "monitors", "list", "--output", "json");
        Run notKuma = vigil(key, Map.of(), "import", "uptime-kuma", file("x.txt", "hello").toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("(3 monitors, 2 alert channels)", "monitor[4] (Game server)");
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(list.json().valueStream().map(m -> m.get("type").asString() + " " + m.get("status").asString()))
                .containsExactlyInAnyOrder("HTTP PENDING", "TCP PAUSED", "HEARTBEAT PENDING");
        assertThat(notKuma.exit()).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void monitorsAreCreatedFromFlagsAndFromAFile() throws Exception {
        String key = signUp();
        Path file = file("monitors.yaml", """
                monitors:
                  - name: Shop
                    type: TCP
                    host: shop.example.com
                    port: 443
                  - name: Broken
                    type: TCP
                    host: shop.example.com
                    port: 70000
                  - name: Cron
                    type: HEARTBEAT
                    periodSeconds: 3600
                """);

        Run http = vigil(key, Map.of(), "monitors", "create", "--name", "Homepage", "--target",
                "https://example.com/health", "--expect-status", "200", "-H", "Accept=text/html", "--output", "json");
        Run fromFile = vigil(key, Map.of(), "monitors", "create", "-f", file.toString());
        Run neither = vigil(key, Map.of(), "monitors", "create");
        Run invalid = vigil(key, Map.of(), "monitors", "create", "--name", "Bad", "--target", "ftp://example.com/");

        assertThat(http.exit()).as(http.err()).isZero();
        assertThat(http.json().get("assertions").get(0).get("target").asString()).isEqualTo("200");
        assertThat(http.json().get("headers").get("Accept").asString()).isEqualTo("text/html");
        assertThat(fromFile.exit()).as(fromFile.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(fromFile.out()).contains("Shop", "Cron").doesNotContain("Broken");
        assertThat(fromFile.err()).contains("1 of 3 monitors were not created", "[1] Broken:",
                "port must be between 1 and 65535");
        assertThat(neither.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("url");
        assertThat(vigil(key, Map.of(), "monitors", "list", "--output", "json").json().size()).isEqualTo(3);
    }

    /**
     * Every page of a large workspace's list: the API remembers its counts for a few seconds once the workspace has
     * 10,000 monitors, so a list taken right after monitors were added must not stop at the remembered total.
     */
    @Test
    void aLargeWorkspaceIsListedWholeRightAfterMonitorsWereAdded() throws Exception {
        String key = signUp();
        Run model = vigil(key, Map.of(), "monitors", "create", "--name", "Model", "--target",
                "https://example.com/", "--output", "json");
        UUID modelId = UUID.fromString(model.json().get("id").asString());
        copies(modelId, "Bulk ", 10_000);
        copies(modelId, "Late ", 400);
        // Its total counted once at that size: from then on its counts, filtered ones too, are remembered. The
        // filter's 400 is counted (its first page is full) and remembered: two full pages reach it.
        HttpResponse<String> whole = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/monitors?size=1"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(whole.body()).get("total").asLong()).isEqualTo(10_401);
        Run before = vigil(key, Map.of(), "monitors", "list", "--search", "late", "--output", "json");
        copies(modelId, "Late more ", 100);

        Run after = vigil(key, Map.of(), "monitors", "list", "--search", "late", "--output", "json");

        assertThat(before.json().size()).isEqualTo(400);
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.json().size()).isEqualTo(500);
    }

    /** Copies of a monitor in its workspace named prefix + n, inserted at once (never scheduled: a daily interval). */
    private void copies(UUID model, String prefix, int count) {
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations, created_at, updated_at)
                        SELECT gen_random_uuid(), workspace_id, ? || n, type, check_spec, 86400, timeout_ms,
                               regions, confirmations, now(), now()
                        FROM monitors CROSS JOIN generate_series(1, ?) AS n WHERE id = ?""")
                .params(prefix, count, model).update();
    }

    @Test
    void resultsAndUptimeOfAMonitorNamedByItsName() throws Exception {
        String key = signUp();
        vigil(key, Map.of(), "monitors", "create", "--name", "Homepage", "--target", "https://example.com/");
        String id = monitorId(key, "Homepage");
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(UUID.fromString(id))
                .query(UUID.class).single();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            Instant time = now.minusSeconds(60L * (i + 1));
            jdbc.sql("""
                            INSERT INTO check_results (time, job_id, round_id, monitor_id, workspace_id, region, kind,
                                                       started_at, ok, latency_ms, connect_ms, status_code, error,
                                                       message)
                            VALUES (?, ?, ?, ?, ?, 'local-a', 'SCHEDULED', ?, ?, 42, 3, ?, ?, ?)""")
                    .params(Timestamp.from(time), UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(id),
                            workspace, Timestamp.from(time), i != 1, i != 1 ? 200 : 503, i != 1 ? null : "STATUS",
                            i != 1 ? null : "HTTP status 503").update();
        }

        Run results = vigil(key, Map.of(), "results", "Homepage");
        Run json = vigil(key, Map.of(), "results", id, "--limit", "2", "--output", "json");
        Run uptime = vigil(key, Map.of(), "uptime", "Homepage", "--window", "24h,7d");
        Run unknown = vigil(key, Map.of(), "uptime", "Nope");

        assertThat(results.exit()).as(results.err()).isZero();
        List<String> lines = results.out().lines().toList();
        assertThat(lines.getFirst()).matches("TIME +REGION +RESULT +CODE +TOTAL +DNS +CONNECT +TLS +FIRST BYTE +ERROR");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("local-a", "OK", "200", "42ms", "3ms");
        assertThat(lines.get(2)).contains("FAILED", "503");
        assertThat(json.json().size()).isEqualTo(2);
        assertThat(uptime.exit()).as(uptime.err()).isZero();
        assertThat(uptime.out().lines().toList()).hasSize(3);
        assertThat(uptime.out().lines().toList().get(1)).startsWith("24h");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void incidentsAreListedAcknowledgedAndUpdated() throws Exception {
        String key = signUp();
        vigil(key, Map.of(), "monitors", "create", "--name", "API", "--target", "https://example.com/api");
        UUID monitor = UUID.fromString(monitorId(key, "API"));
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor).query(UUID.class)
                .single();
        UUID incident = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, 'DOWN', 'OPEN', ?, 'HTTP status 503', '{local-a}')""")
                .params(incident, workspace, monitor, Timestamp.from(Instant.now().minusSeconds(600))).update();

        Run open = vigil(key, Map.of(), "incidents", "list", "--status", "OPEN", "--monitor", "API");
        Run ack = vigil(key, Map.of(), "incidents", "ack", incident.toString(), "--output", "json");
        Run update = vigil(key, Map.of(), "incidents", "update", incident.toString(), "--status", "identified",
                "--message", "A bad deploy; rolling back");
        Run badStatus = vigil(key, Map.of(), "incidents", "update", incident.toString(), "-s", "fixed", "-m", "x");
        Run other = vigil(signUp(), Map.of(), "incidents", "ack", incident.toString());

        assertThat(open.exit()).as(open.err()).isZero();
        assertThat(open.out().lines().toList().get(1)).contains(incident.toString(), "API", "OPEN", "HTTP status 503");
        assertThat(ack.exit()).as(ack.err()).isZero();
        assertThat(ack.json().get("acknowledgedAt").isNull()).isFalse();
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("identified", "A bad deploy; rolling back");
        assertThat(badStatus.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(other.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void statusPagesMaintenanceAndChannels() throws Exception {
        String key = signUp();
        String viewer = post("/api/v1/api-keys", key, "{\"name\":\"read only\",\"role\":\"VIEWER\"}").get("key")
                .asString();
        Path document = file("vigil.yaml", """
                version: 1
                alertChannels:
                  - {key: ops, name: Ops mail, type: EMAIL, config: {to: ops@example.com}}
                monitors:
                  - {key: db, name: Database, type: TCP, host: db.example.com, port: 5432, alertChannels: [ops]}
                statusPages:
                  - key: public
                    slug: cli-%s
                    title: Example status
                    components:
                      - {name: Database, monitor: db}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(vigil(key, Map.of(), "apply", "-f", document.toString()).exit()).isZero();

        Run pages = vigil(key, Map.of(), "status-pages", "list");
        Run created = vigil(key, Map.of(), "maintenance", "create", "--title", "DB upgrade", "--monitor", "Database",
                "--start", "2030-01-01T22:00:00Z", "--duration", "2h");
        Run windows = vigil(key, Map.of(), "maintenance", "list", "--output", "json");
        Run badTime = vigil(key, Map.of(), "maintenance", "create", "-t", "x", "-m", "Database", "--start",
                "tomorrow", "--duration", "1h");
        Run channels = vigil(key, Map.of(), "channels", "list");
        Run test = vigil(key, Map.of(), "channels", "test", "Ops mail");
        Run viewerTest = vigil(viewer, Map.of(), "channels", "test", "Ops mail");
        Run viewerWindow = vigil(viewer, Map.of(), "maintenance", "create", "-t", "x", "-m", "Database",
                "--duration", "1h");

        assertThat(pages.exit()).as(pages.err()).isZero();
        assertThat(pages.out().lines().toList().get(1)).contains("Example status", "1", "no");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("DB upgrade", "scheduled", "2030-01-01T22:00:00Z", "2030-01-02T00:00:00Z");
        assertThat(windows.json().get(0).get("title").asString()).isEqualTo("DB upgrade");
        assertThat(badTime.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(channels.out().lines().toList().get(1)).contains("Ops mail", "EMAIL", "healthy");
        assertThat(test.exit()).as(test.err()).isZero();
        assertThat(test.out()).startsWith("Test alert queued for channel ");
        assertThat(viewerTest.exit()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(viewerWindow.exit()).isEqualTo(ExitCodes.FORBIDDEN);

        // The page's subscribers: one subscribes on the public page, is listed by the page's slug, and removed.
        String slug = pages.out().lines().toList().get(1).split("\\s+")[1];
        HttpResponse<String> subscribed = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/status/" + slug
                        + "/subscribe")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=reader%40example.com")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subscribed.statusCode()).isEqualTo(202);
        Run subscribers = vigil(key, Map.of(), "status-pages", "subscribers", slug);
        Run confirmed = vigil(key, Map.of(), "status-pages", "subscribers", slug, "--status", "confirmed");
        Run badState = vigil(key, Map.of(), "status-pages", "subscribers", slug, "--status", "bounced");
        Run noPage = vigil(key, Map.of(), "status-pages", "subscribers", "no-such-page");
        String id = vigil(key, Map.of(), "status-pages", "subscribers", slug, "--output", "json").json().get(0)
                .get("id").asString();
        Run viewerRemove = vigil(viewer, Map.of(), "status-pages", "remove-subscriber", slug, id);
        Run removed = vigil(key, Map.of(), "status-pages", "remove-subscriber", slug, id);
        Run again = vigil(key, Map.of(), "status-pages", "remove-subscriber", slug, id);

        assertThat(subscribers.exit()).as(subscribers.err()).isZero();
        assertThat(subscribers.out().lines().toList().get(1)).contains(id, "EMAIL", "reader@example.com", "all",
                "pending");
        assertThat(confirmed.out().lines().count()).as("a header only").isEqualTo(1);
        assertThat(badState.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(noPage.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(noPage.err()).contains(slug);
        assertThat(viewerRemove.exit()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(again.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(vigil(key, Map.of(), "status-pages", "subscribers", slug, "--output", "json").json().size())
                .isZero();
    }

    @Test
    void tablesAreColouredOnlyOnATerminalWithoutNoColor() throws Exception {
        String key = signUp();
        vigil(key, Map.of(), "monitors", "create", "--name", "Paused one", "--type", "TCP", "--host",
                "db.example.com", "--port", "5432");
        vigil(key, Map.of(), "monitors", "pause", monitorId(key, "Paused one"));

        Run coloured = onTerminal(key, Map.of(), "monitors", "list");
        Run noColor = onTerminal(key, Map.of("NO_COLOR", "1"), "monitors", "list");
        Run piped = vigil(key, Map.of(), "monitors", "list");

        assertThat(coloured.out()).contains(Terminal.BOLD + "ID" + Terminal.RESET,
                Terminal.DIM + "PAUSED" + Terminal.RESET);
        assertThat(noColor.out()).doesNotContain("\u001b[");
        assertThat(piped.out()).doesNotContain("\u001b[").isEqualTo(noColor.out());
    }

    @Test
    void everyCommandHasHelpAndCompletionScriptsNameThem() {
        List<String> failed = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        collect(VigilCli.commandLine(new CliEnvironment(Map.of(), home, System.in, null, null)).getSubcommands(),
                List.of(), paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run help = vigil(Map.of(), "", args.toArray(String[]::new));
            if (help.exit() != 0 || !help.out().contains("Usage: vigil " + String.join(" ", path))) {
                failed.add(String.join(" ", path) + " -> " + help.exit());
            }
        }
        Run bash = vigil(Map.of(), "", "completion", "bash");
        Run zsh = vigil(Map.of(), "", "completion", "zsh");
        Run fish = vigil(Map.of(), "", "completion", "fish");

        assertThat(paths).hasSizeGreaterThan(25);
        assertThat(failed).isEmpty();
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_vigil", "uptime-kuma", "status-pages", "--output");
        assertThat(zsh.out()).contains("bashcompinit");
        assertThat(fish.exit()).isEqualTo(ExitCodes.USAGE);
    }

    private static void collect(Map<String, CommandLine> commands, List<String> prefix, List<List<String>> out) {
        commands.forEach((name, line) -> {
            if (name.equals("help") || !line.getCommandName().equals(name)) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            collect(line.getSubcommands(), path, out);
        });
    }
}
