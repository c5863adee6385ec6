package dev.vigil.api.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.common.channel.SlackAckButton;
import dev.vigil.common.json.WireJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slack's Acknowledge button end to end on the api-service: requests signed the way Slack signs them (computed here
 * independently), posted to the public interactivity URL. A valid press acknowledges with an audit entry naming the
 * Slack user; a bad signature, an old timestamp, an edited button value and another workspace's incident are refused
 * and change nothing.
 */
@ApiServiceTest
class SlackActionsIT {

    private static final String PATH = "/integrations/slack/actions";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A workspace with a Slack channel (with the app's signing secret) and an open incident. */
    private record Workspace(UUID id, UUID channel, UUID incident, String signingSecret) {
    }

    private Workspace workspace() {
        ApiClient api = new ApiClient(port).signUp();
        String signingSecret = "s" + UUID.randomUUID().toString().replace("-", "");
        UUID channel = UUID.fromString(api.post("/api/v1/alert-channels", Map.of("name", "Slack", "type", "SLACK",
                "config", Map.of("webhookUrl", "https://93.184.215.14/services/T0/B0/x", "signingSecret",
                        signingSecret))).json().get("id").asString());
        UUID monitor = UUID.fromString(api.post("/api/v1/monitors", Map.of("name", "Shop", "type", "HTTP",
                "url", "https://example.com", "regions", List.of("local-a", "local-b"))).json().get("id")
                .asString());
        UUID workspace = jdbc.sql("SELECT workspace_id FROM monitors WHERE id = ?").param(monitor).query(UUID.class)
                .single();
        UUID incident = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incidents (id, workspace_id, monitor_id, kind, status, started_at, cause, regions)
                        VALUES (?, ?, ?, 'DOWN', 'OPEN', ?, 'HTTP status 503', '{local-a}')""")
                .params(incident, workspace, monitor, Timestamp.from(Instant.now().minus(5, ChronoUnit.MINUTES)))
                .update();
        return new Workspace(workspace, channel, incident, signingSecret);
    }

    /** The form body Slack posts for a button press. */
    private static String body(String value) {
        String payload = WireJson.write(Map.of("type", "block_actions",
                "user", Map.of("id", "U024BE7LH", "username", "alice", "name", "alice", "team_id", "T9TK3CUKW"),
                "team", Map.of("id", "T9TK3CUKW", "domain", "example"),
                "actions", List.of(Map.of("type", "button", "action_id", SlackAckButton.ACTION_ID,
                        "block_id", "vigil_incident", "value", value, "action_ts", "1548426417.840180"))));
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    /** Slack's v0 signature, computed as Slack documents it. */
    private static String slackSignature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient.Response press(String body, long timestamp, String signature) {
        ApiClient client = new ApiClient(port);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private ApiClient.Response pressSigned(Workspace signer, String value, long timestamp) {
        String body = body(value);
        return press(body, timestamp, slackSignature(signer.signingSecret(), timestamp, body));
    }

    private boolean acknowledged(UUID incident) {
        return jdbc.sql("SELECT acknowledged_at IS NOT NULL FROM incidents WHERE id = ?").param(incident)
                .query(Boolean.class).single();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aValidlySignedPressAcknowledgesTheIncidentWithAnAuditEntryNamingTheSlackUser() {
        Workspace ws = workspace();
        String value = new SlackAckButton(ws.channel(), ws.incident()).value(ws.signingSecret());

        ApiClient.Response response = pressSigned(ws, value, now());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().get("text").asString()).contains("alice");
        assertThat(acknowledged(ws.incident())).isTrue();
        assertThat(jdbc.sql("SELECT message FROM incident_events WHERE incident_id = ? AND type = 'ACKNOWLEDGED'")
                .param(ws.incident()).query(String.class).single())
                .isEqualTo("Acknowledged in Slack by Slack user alice (U024BE7LH)");
        Map<String, Object> audit = jdbc.sql("""
                        SELECT actor_label, action, resource_id, summary::text AS details FROM audit_events
                        WHERE workspace_id = ? AND action = 'incident.acknowledged'""")
                .param(ws.id()).query().singleRow();
        assertThat(audit.get("actor_label")).isEqualTo("Slack user alice (U024BE7LH)");
        assertThat(audit.get("resource_id")).isEqualTo(ws.incident());
        assertThat((String) audit.get("details")).contains("\"slackUserId\": \"U024BE7LH\"").contains("slack");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM notification_outbox WHERE incident_id = ? AND event = 'incident.acknowledged'""")
                .param(ws.incident()).query(Long.class).single()).isEqualTo(1);

        // Slack retries a request it got no answer to: the second press changes nothing.
        assertThat(pressSigned(ws, value, now()).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE workspace_id = ? AND action = 'incident.acknowledged'")
                .param(ws.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefused() {
        Workspace ws = workspace();
        String body = body(new SlackAckButton(ws.channel(), ws.incident()).value(ws.signingSecret()));
        long timestamp = now();
        for (String signature : List.of(slackSignature("not-the-signing-secret", timestamp, body),
                slackSignature(ws.signingSecret(), timestamp, body + "&x=1"), "v0=00", "")) {
            ApiClient.Response response = press(body, timestamp, signature);
            assertThat(response.status()).as(signature).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(acknowledged(ws.incident())).isFalse();
        System.out.println("attack: a Slack action with a forged signature -> refused (401)");
    }

    @Test
    void anOldOrFutureTimestampIsRefusedEvenWhenCorrectlySigned() {
        Workspace ws = workspace();
        String value = new SlackAckButton(ws.channel(), ws.incident()).value(ws.signingSecret());
        assertThat(pressSigned(ws, value, now() - 6 * 60).status()).isEqualTo(401);
        assertThat(pressSigned(ws, value, now() + 6 * 60).status()).isEqualTo(401);
        assertThat(acknowledged(ws.incident())).isFalse();
        System.out.println("attack: a correctly signed Slack action replayed after 6 minutes -> refused (401)");
    }

    @Test
    void anotherWorkspacesIncidentCannotBeAcknowledged() {
        Workspace mine = workspace();
        Workspace theirs = workspace();

        // My Slack app, my channel, their incident, my tag: the incident is not in my channel's workspace.
        String value = new SlackAckButton(mine.channel(), theirs.incident()).value(mine.signingSecret());
        assertThat(pressSigned(mine, value, now()).status()).isEqualTo(401);
        // Their button's value, pressed through my Slack app (signed with my secret): their secret is needed.
        String theirValue = new SlackAckButton(theirs.channel(), theirs.incident()).value(theirs.signingSecret());
        assertThat(pressSigned(mine, theirValue, now()).status()).isEqualTo(401);
        // My button's value edited to name their incident: the tag no longer verifies.
        String mineValue = new SlackAckButton(mine.channel(), mine.incident()).value(mine.signingSecret());
        String edited = mineValue.replace(mine.incident().toString(), theirs.incident().toString());
        assertThat(pressSigned(mine, edited, now()).status()).isEqualTo(401);

        assertThat(acknowledged(theirs.incident())).isFalse();
        assertThat(acknowledged(mine.incident())).isFalse();
        System.out.println("attack: acknowledging another workspace's incident from one's own Slack app -> refused");
    }

    @Test
    void aChannelWithoutASigningSecretTakesNoPresses() {
        ApiClient api = new ApiClient(port).signUp();
        UUID channel = UUID.fromString(api.post("/api/v1/alert-channels", Map.of("name", "Slack", "type", "SLACK",
                "config", Map.of("webhookUrl", "https://93.184.215.14/services/T0/B0/y"))).json().get("id")
                .asString());
        Workspace ws = workspace();
        // Whatever secret the presser signs with: the channel has none to verify against.
        String guess = "guessed-signing-secret-0001";
        String body = body(new SlackAckButton(channel, ws.incident()).value(guess));
        long timestamp = now();
        assertThat(press(body, timestamp, slackSignature(guess, timestamp, body)).status()).isEqualTo(401);
        assertThat(acknowledged(ws.incident())).isFalse();
    }
}
