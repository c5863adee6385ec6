package dev.vigil.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

public class UptimeKumaImporterTests {

    @TempDir
    Path dir;

    /** A real SQLite file with Kuma 2.0's tables (test resource schema.sql) and a small setup (data.sql). */
    public static Path kumaDatabase(Path dir) throws IOException, SQLException {
        Path file = dir.resolve("kuma.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String resource : List.of("schema.sql", "data.sql")) {
                String sql = resource("/uptime-kuma/" + resource).replaceAll("(?m)^--.*$", "");
                for (String part : sql.split(";\\s*\\n")) {
                    if (!part.isBlank()) {
                        statement.execute(part);
                    }
                }
            }
        }
        return file;
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = UptimeKumaImporterTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode monitor(ImportResult result, String key) {
        return result.document().get("monitors").valueStream().filter(m -> m.get("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no monitor " + key));
    }

    @Test
    void mapsTheSupportedMonitorsOfAKuma2DatabaseWithTheirChannels() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.database(kumaDatabase(dir)));

        assertThat(result.document().get("monitors").valueStream().map(m -> m.get("key").asString()))
                .containsExactly("homepage", "shop-search", "api-status", "postgres", "dns-example.com",
                        "nightly-backup", "router", "admin", "old-url-redirects", "orders-db", "sessions-cache",
                        "reports-mysql", "mail-relay", "mail-submission", "live-feed", "payments-grpc");
        assertThat(result.document().get("alertChannels").valueStream().map(c -> c.get("type").asString()))
                .containsExactly("SLACK", "WEBHOOK", "EMAIL", "TELEGRAM", "OPSGENIE", "NTFY", "GOOGLE_CHAT",
                        "MATTERMOST", "MATRIX", "PUSHOVER");

        JsonNode homepage = monitor(result, "homepage");
        assertThat(homepage.get("url").asString()).isEqualTo("https://example.com/");
        assertThat(homepage.get("timeoutMs").asInt()).isEqualTo(48_000);
        assertThat(homepage.get("alertChannels").toString()).isEqualTo("[\"kuma-ops-slack\"]");
        assertThat(homepage.has("assertions")).isFalse();

        JsonNode keyword = monitor(result, "shop-search");
        assertThat(keyword.get("intervalSeconds").asInt()).isEqualTo(30);
        assertThat(keyword.get("assertions").get(0).toString())
                .isEqualTo("{\"source\":\"BODY\",\"comparison\":\"CONTAINS\",\"target\":\"Add to cart\"}");

        JsonNode api = monitor(result, "api-status");
        assertThat(api.get("method").asString()).isEqualTo("POST");
        assertThat(api.get("headers").get("X-Probe").asString()).isEqualTo("kuma");
        assertThat(api.get("body").asString()).isEqualTo("{\"deep\":true}");
        assertThat(api.get("assertions").get(0).toString()).isEqualTo(
                "{\"source\":\"JSON_PATH\",\"path\":\"$.status\",\"comparison\":\"EQUALS\",\"target\":\"ok\"}");
        assertThat(api.get("alertChannels").toString()).isEqualTo("[\"kuma-ops-slack\",\"kuma-team-telegram\"]");

        JsonNode postgres = monitor(result, "postgres");
        assertThat(postgres.get("type").asString() + " " + postgres.get("host").asString() + ":"
                + postgres.get("port").asInt() + " paused=" + postgres.get("paused").asBoolean())
                .isEqualTo("TCP db.example.com:5432 paused=true");
        JsonNode dns = monitor(result, "dns-example.com");
        assertThat(List.of(dns.get("type").asString(), dns.get("recordType").asString(), dns.get("resolver").asString()))
                .containsExactly("DNS", "AAAA", "1.1.1.1");
        JsonNode push = monitor(result, "nightly-backup");
        assertThat(push.get("type").asString() + " " + push.get("periodSeconds").asInt()).isEqualTo("HEARTBEAT 86400");
        assertThat(dns.get("alertChannels").toString()).isEqualTo("[\"kuma-opsgenie-eu\",\"kuma-phone-ntfy\"]");
        assertThat(push.get("alertChannels").toString()).isEqualTo(
                "[\"kuma-ops-chat\",\"kuma-mattermost\",\"kuma-matrix-room\",\"kuma-pushover\"]");
        JsonNode redirects = monitor(result, "old-url-redirects");
        assertThat(redirects.get("followRedirects").asBoolean()).isFalse();
        assertThat(redirects.get("assertions").get(0).get("target").asString()).isEqualTo("301");
    }

    @Test
    void listsEverythingItCannotMapAndKeepsSecretsOutOfTheDocument() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.database(kumaDatabase(dir)));
        String document = result.document().toString();

        assertThat(result.unmapped()).anyMatch(l -> l.startsWith("monitor[21] (Office VPN): not imported: Vigil has "
                        + "no tailscale-ping monitor"))
                .anyMatch(l -> l.startsWith("monitor[8] (Production): a group, not a monitor"))
                .anyMatch(l -> l.startsWith("notification[4] (Signal group): Vigil has no signal channel"))
                .anyMatch(l -> l.startsWith("monitor[1] (Homepage).description: not imported (The public site)"))
                .anyMatch(l -> l.startsWith("monitor[9] (Admin).accepted_statuscodes: [\"200-299\",\"401\"]"))
                .anyMatch(l -> l.startsWith("monitor[9] (Admin).ignore_tls"))
                .anyMatch(l -> l.equals("monitor[9] (Admin).basic_auth_pass: not imported (a secret: set it up by hand)"))
                .anyMatch(l -> l.startsWith("monitor[9] (Admin).basic_auth_user: not imported"))
                .anyMatch(l -> l.startsWith("notification[1] (Ops Slack).slackchannel: not imported (#ops)"))
                .anyMatch(l -> l.startsWith("notification[3] (On-call mail).smtpPassword: not imported (a secret"))
                .anyMatch(l -> l.contains("instead of Kuma's /api/push/Xq3pKmB7rT2vN8sL1wYz5cHdJf6gEa9u"));
        assertThat(result.unmapped()).noneMatch(l -> l.contains("hunter2") || l.contains("probe-password"));
        assertThat(result.secrets()).startsWith(
                "KUMA_OPS_SLACK_WEBHOOK_URL: notification[1] (Ops Slack).slackwebhookURL",
                "KUMA_DEPLOY_HOOK_SECRET: notification[2] (Deploy hook) (new signing secret, 16+ characters)",
                "KUMA_TEAM_TELEGRAM_BOT_TOKEN: notification[5] (Team Telegram).telegramBotToken");
        assertThat(document).doesNotContain("hooks.slack.com", "ABCDEF-telegram", "hunter2", "probe-password")
                .contains("\"chatId\":\"-100200300\"", "\"to\":\"oncall@example.com\"",
                        "\"url\":\"https://93.184.215.14/kuma-hook\"");
        assertThat(result.document().get("alertChannels").get(0).get("isDefault").asBoolean()).isTrue();
        // Kuma's 2 retries: down at the 3rd failure in a row.
        assertThat(result.unmapped()).noneMatch(l -> l.contains("maxretries"));
        assertThat(result.document().get("monitors").valueStream()
                .filter(m -> m.get("name").asString().equals("Shop search")).findFirst().orElseThrow()
                .get("noise").toString()).isEqualTo("{\"failuresInRow\":3}");
    }

    @Test
    void mapsPingMailWebSocketGrpcAndDatabaseMonitorsToVigilsTypes() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.database(kumaDatabase(dir)));

        assertThat(monitor(result, "router").toString()).isEqualTo("{\"key\":\"router\",\"name\":\"Router\","
                + "\"type\":\"PING\",\"host\":\"192.168.1.1\",\"packetCount\":4,\"intervalSeconds\":60}");
        JsonNode relay = monitor(result, "mail-relay");
        assertThat(List.of(relay.get("type").asString(), relay.get("host").asString(), relay.get("port").asString(),
                relay.get("tlsMode").asString())).containsExactly("SMTP", "mail.example.com", "587", "STARTTLS");
        assertThat(relay.get("alertChannels").toString()).isEqualTo("[\"kuma-ops-slack\"]");
        assertThat(monitor(result, "mail-submission").get("tlsMode").asString()).isEqualTo("IMPLICIT");
        JsonNode feed = monitor(result, "live-feed");
        assertThat(feed.get("type").asString() + " " + feed.get("url").asString() + " " + feed.get("headers"))
                .isEqualTo("WEBSOCKET wss://ws.example.com/feed {\"Sec-WebSocket-Protocol\":\"graphql-ws\"}");
        JsonNode grpc = monitor(result, "payments-grpc");
        assertThat(grpc.get("type").asString() + " " + grpc.get("host").asString() + ":" + grpc.get("port").asInt()
                + " tls=" + grpc.get("tls").asBoolean() + " service=" + grpc.has("service"))
                .isEqualTo("GRPC grpc.example.com:443 tls=true service=false");

        JsonNode orders = monitor(result, "orders-db");
        assertThat(orders.toString()).contains("\"type\":\"DATABASE\"", "\"engine\":\"POSTGRESQL\"",
                "\"host\":\"db.example.com\"", "\"port\":5432", "\"database\":\"orders\"",
                "\"username\":\"monitor\"", "\"password\":\"{{vars.KUMA_ORDERS_DB_PASSWORD}}\"",
                "\"query\":\"SELECT count(*) FROM orders\"");
        JsonNode cache = monitor(result, "sessions-cache");
        assertThat(List.of(cache.get("engine").asString(), cache.get("database").asString(), cache.has("username")))
                .containsExactly("REDIS", "2", false);
        assertThat(monitor(result, "reports-mysql").get("engine").asString()).isEqualTo("MYSQL");

        assertThat(result.unmapped())
                .anyMatch(l -> l.equals("monitor[12] (Orders DB).database_connection_string: the password is not in "
                        + "the file: set the workspace variable KUMA_ORDERS_DB_PASSWORD (vigil.yaml names it; PUT "
                        + "/api/v1/variables/KUMA_ORDERS_DB_PASSWORD)"))
                .anyMatch(l -> l.equals("monitor[12] (Orders DB).database_connection_string: options "
                        + "?sslmode=require not imported"))
                .anyMatch(l -> l.startsWith("monitor[15] (Legacy SQL Server): not imported: Vigil has no sqlserver "
                        + "monitor"))
                .anyMatch(l -> l.startsWith("monitor[16] (Sessions Mongo): not imported: Vigil has no mongodb"))
                .anyMatch(l -> l.startsWith("monitor[19] (Live feed).ws_ignore_sec_websocket_accept_header"))
                .anyMatch(l -> l.startsWith("monitor[20] (Payments gRPC): Kuma called payments.Payments/Status and "
                        + "looked for 'SERVING'"))
                .noneMatch(l -> l.startsWith("monitor[7] (Router).ping_count")
                        || l.startsWith("monitor[17] (Mail relay).smtp_security")
                        || l.startsWith("monitor[20] (Payments gRPC).grpc_"));
        assertThat(result.document().toString() + result.unmapped()).doesNotContain("pg-secret-pass",
                "redis-secret-pass", "mysql-secret-pass", "mssql-secret-pass", "mongo-secret-pass");
    }

    @Test
    void readsA1xBackupWithItsNotificationLinksAndTags() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.backup(resource("/uptime-kuma/backup.json")));

        assertThat(result.document().get("monitors").valueStream().map(m -> m.get("key").asString()))
                .containsExactly("website", "mail-server", "cron-heartbeat");
        assertThat(monitor(result, "website").get("alertChannels").toString())
                .isEqualTo("[\"kuma-ops-discord\",\"kuma-pagerduty\"]");
        assertThat(monitor(result, "mail-server").get("paused").asBoolean()).isTrue();
        assertThat(monitor(result, "mail-server").get("noise").get("failuresInRow").asInt()).isEqualTo(2);
        assertThat(monitor(result, "cron-heartbeat").get("periodSeconds").asInt()).isEqualTo(3600);
        assertThat(monitor(result, "website").get("tags").toString()).isEqualTo("[\"team:web\"]");
        assertThat(result.document().get("alertChannels").valueStream()
                .map(c -> c.get("type").asString() + " " + c.get("config"))).containsExactly(
                "DISCORD {\"webhookUrl\":{\"env\":\"KUMA_OPS_DISCORD_WEBHOOK_URL\"}}",
                "PAGERDUTY {\"routingKey\":{\"env\":\"KUMA_PAGERDUTY_ROUTING_KEY\"}}");
        assertThat(result.unmapped()).anyMatch(l -> l.startsWith("monitor[4] (Game server): not imported"))
                .anyMatch(l -> l.startsWith("notification[1] (Ops Discord).discordUsername: not imported (Kuma)"))
                .anyMatch(l -> l.startsWith("notification[2] (PagerDuty).pagerdutyPriority"))
                .noneMatch(l -> l.contains("dns_resolve") || l.contains("packet_size") || l.contains("weight"));
        assertThat(result.document().toString()).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void mapsEveryChannelKindVigilHasWithItsSecretsAsReferences() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.database(kumaDatabase(dir)));
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        result.document().get("alertChannels").forEach(c -> configs.put(c.get("key").asString(),
                c.get("type").asString() + " " + c.get("config")));

        assertThat(configs).containsEntry("kuma-opsgenie-eu",
                        "OPSGENIE {\"apiKey\":{\"env\":\"KUMA_OPSGENIE_EU_API_KEY\"},\"region\":\"EU\",\"priority\":\"P2\"}")
                .containsEntry("kuma-phone-ntfy", "NTFY {\"priority\":\"5\",\"topicUrl\":{\"env\":"
                        + "\"KUMA_PHONE_NTFY_TOPIC_URL\"},\"token\":{\"env\":\"KUMA_PHONE_NTFY_TOKEN\"}}")
                .containsEntry("kuma-ops-chat", "GOOGLE_CHAT {\"webhookUrl\":{\"env\":\"KUMA_OPS_CHAT_WEBHOOK_URL\"}}")
                .containsEntry("kuma-mattermost",
                        "MATTERMOST {\"webhookUrl\":{\"env\":\"KUMA_MATTERMOST_WEBHOOK_URL\"}}")
                .containsEntry("kuma-matrix-room", "MATRIX {\"homeserverUrl\":\"https://93.184.215.14\","
                        + "\"roomId\":\"!abcdef:matrix.example.org\",\"accessToken\":{\"env\":"
                        + "\"KUMA_MATRIX_ROOM_ACCESS_TOKEN\"}}")
                .containsEntry("kuma-pushover", "PUSHOVER {\"appToken\":{\"env\":\"KUMA_PUSHOVER_APP_TOKEN\"},"
                        + "\"userKey\":{\"env\":\"KUMA_PUSHOVER_USER_KEY\"},\"priority\":\"1\"}")
                .doesNotContainKey("kuma-half-done-ntfy");
        assertThat(result.secrets()).contains(
                "KUMA_PHONE_NTFY_TOPIC_URL: notification[7] (Phone ntfy).ntfyserverurl + \"/\" + ntfytopic "
                        + "(https://ntfy.sh/<topic>)",
                "KUMA_PHONE_NTFY_TOKEN: notification[7] (Phone ntfy).ntfyaccesstoken",
                "KUMA_PUSHOVER_USER_KEY: notification[11] (Pushover).pushoveruserkey");
        assertThat(result.unmapped())
                .anyMatch(l -> l.equals("notification[12] (Half-done ntfy): not imported: its ntfyserverurl or "
                        + "ntfytopic is empty"))
                .anyMatch(l -> l.startsWith("notification[7] (Phone ntfy).ntfyIcon: not imported"))
                .anyMatch(l -> l.startsWith("notification[9] (Mattermost).mattermostchannel: not imported (ops)"))
                .anyMatch(l -> l.startsWith("notification[11] (Pushover).pushoversounds: not imported (siren)"))
                .anyMatch(l -> l.equals("notification[11] (Pushover): was disabled in Kuma; imported as an active "
                        + "channel"))
                .noneMatch(l -> l.contains("opsgenieApiKey") || l.contains("googleChatWebhookURL")
                        || l.contains("internalRoomId") || l.contains("ntfytopic:"));
        assertThat(result.document().toString()).doesNotContain("opsgenie-key", "acme-alerts-x7q2",
                "tk_ntfysecrettoken0001", "gchat-secret", "mm-secret-hook", "syt_matrix_secret_token",
                "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", "azGDORePK8gMaC0QOYAMyEEuzJnyUi", "ntfy-pass");
    }

    @Test
    void kumaTagsAndGroupsBecomeVigilTagsAndGroupsByName() throws Exception {
        ImportResult result = UptimeKumaImporter.convert(KumaSource.database(kumaDatabase(dir)));

        assertThat(monitor(result, "homepage").get("tags").toString()).isEqualTo("[\"env:prod\",\"critical\"]");
        assertThat(monitor(result, "homepage").get("group").asString()).isEqualTo("Production");
        assertThat(monitor(result, "shop-search").get("tags").toString())
                .isEqualTo("[\"critical\",\"env:staging\"]");
        assertThat(monitor(result, "shop-search").has("group")).isFalse();
        assertThat(monitor(result, "postgres").get("tags").toString()).isEqualTo("[\"env:prod\"]");
        assertThat(monitor(result, "postgres").get("group").asString()).isEqualTo("Company");
        assertThat(monitor(result, "api-status").has("tags")).isFalse();
        assertThat(result.unmapped())
                .anyMatch(l -> l.equals("monitor[8] (Production): a group, not a monitor: its members are imported "
                        + "in the Vigil group 'Production'"))
                .anyMatch(l -> l.equals("monitor[1] (Homepage).parent: group 'Production' is inside 'Company' in "
                        + "Kuma; Vigil puts the monitor in a group named 'Production'"))
                .noneMatch(l -> l.contains(".tags:"));
    }

    @Test
    void refusesAFileThatIsNotKumas() throws Exception {
        Path empty = dir.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + empty);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE something (id INTEGER)");
        }
        assertThatThrownBy(() -> KumaSource.database(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such table: monitor");
        assertThatThrownBy(() -> KumaSource.backup("{\"version\":\"1.0\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(empty)).isTrue();
    }
}
