package dev.vigil.api.slack;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.incident.IncidentAcknowledger;
import dev.vigil.common.channel.SlackAckButton;
import dev.vigil.common.json.WireJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Handles a Slack interaction request (a button press) in five steps, refusing at the first that fails:
 * <ol>
 *   <li>the request timestamp is within five minutes (no replays) and the signature has a signature's shape;</li>
 *   <li>the payload names an Acknowledge button whose value names a channel;</li>
 *   <li>that channel is a Slack channel with a signing secret, and Slack's request signature verifies with it (the
 *       press came from that workspace's Slack app, not from anyone who saw a button value);</li>
 *   <li>the button value's tag verifies with the same secret (the value was written by Vigil for that channel and
 *       incident, not edited);</li>
 *   <li>the incident is acknowledged within the channel's workspace only (another workspace's incident is not
 *       found), with an audit entry naming the Slack user.</li>
 * </ol>
 * Every refusal is the same 401 without saying which check failed.
 */
@Service
public class SlackActions {

    private static final Logger log = LoggerFactory.getLogger(SlackActions.class);

    private final Channels channels;
    private final IncidentAcknowledger acknowledger;
    private final AuditLog audit;
    private final Clock clock;

    SlackActions(Channels channels, IncidentAcknowledger acknowledger, AuditLog audit, Clock clock) {
        this.channels = channels;
        this.acknowledger = acknowledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** What to tell the person who pressed the button (Slack shows nothing else on a 200). */
    public record Answer(String text) {
    }

    @Transactional
    public Answer handle(byte[] body, String timestamp, String signature) {
        if (!SlackSignature.isFresh(timestamp, clock.instant())) {
            throw refused("stale or missing timestamp");
        }
        if (!SlackSignature.isWellFormed(signature)) {
            throw refused("malformed signature");
        }
        JsonNode payload = payload(body).orElseThrow(() -> refused("no interaction payload"));
        JsonNode action = payload.path("actions").valueStream()
                .filter(a -> SlackAckButton.ACTION_ID.equals(a.path("action_id").asString(""))).findFirst()
                .orElseThrow(() -> refused("no Acknowledge action"));
        String value = action.path("value").asString("");
        SlackAckButton button = SlackAckButton.parse(value).orElseThrow(() -> refused("malformed button value"));
        Channels.SlackApp app = channels.slackApp(button.channelId())
                .orElseThrow(() -> refused("unknown channel or no signing secret"));
        if (!SlackSignature.matches(app.signingSecret(), timestamp, body, signature)) {
            throw refused("bad signature");
        }
        if (!button.verify(value, app.signingSecret())) {
            throw refused("bad button tag");
        }
        String userId = clean(payload.path("user").path("id").asString(""));
        String userName = clean(payload.path("user").path("username").asString(
                payload.path("user").path("name").asString("")));
        String teamId = clean(payload.path("team").path("id").asString(""));
        String who = "Slack user " + (userName.isEmpty() ? userId : userName + " (" + userId + ")");
        return switch (acknowledger.acknowledge(app.workspaceId(), button.incidentId(), null,
                "Acknowledged in Slack by " + who)) {
            case ACKNOWLEDGED -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("via", "slack");
                details.put("slackUserId", userId);
                details.put("slackUserName", userName);
                details.put("slackTeamId", teamId);
                details.put("channelId", app.channelId().toString());
                audit.record(app.workspaceId(), new Actor(null, null, who), "incident.acknowledged", "INCIDENT",
                        button.incidentId(), details);
                log.info("incident acknowledged from Slack workspace={} incident={} slackUser={}",
                        app.workspaceId(), button.incidentId(), userId);
                yield new Answer("Acknowledged by " + who + ".");
            }
            case ALREADY_ACKNOWLEDGED -> new Answer("This incident was already acknowledged.");
            case RESOLVED -> new Answer("This incident is already resolved.");
            case NOT_FOUND -> throw refused("incident not in the channel's workspace");
        };
    }

    /** The JSON of the form field {@code payload}; empty when there is none or it is not JSON. */
    private static Optional<JsonNode> payload(byte[] body) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("payload")) {
                try {
                    return Optional.of(WireJson.mapper().readTree(URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8))).filter(JsonNode::isObject);
                } catch (JacksonException | IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Slack's ids and names, cut to a sane length and without control characters, for the audit log. */
    private static String clean(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "");
        return printable.length() > 80 ? printable.substring(0, 80) : printable;
    }

    private static ErrorResponseException refused(String why) {
        log.info("Slack interaction refused: {}", why);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "The request is not a valid, recent Slack request for a channel of this service.");
        problem.setTitle("Slack request refused");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }
}
