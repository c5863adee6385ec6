package dev.vigil.api.slack;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /integrations/slack/actions}: the Interactivity Request URL of a workspace's Slack app. Public (Slack
 * calls it), authenticated by Slack's request signature instead ({@link SlackActions}). The body is read raw, as
 * Slack signed it: nothing before this reads it as form parameters.
 */
@RestController
class SlackActionController {

    private final SlackActions actions;

    SlackActionController(SlackActions actions) {
        this.actions = actions;
    }

    @PostMapping(path = "/integrations/slack/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    SlackActions.Answer act(HttpServletRequest request,
                            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
                            @RequestHeader(name = "X-Slack-Signature", required = false) String signature)
            throws IOException {
        return actions.handle(request.getInputStream().readAllBytes(), timestamp, signature);
    }
}
