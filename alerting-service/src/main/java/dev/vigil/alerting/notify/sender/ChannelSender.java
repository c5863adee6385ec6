package dev.vigil.alerting.notify.sender;

import java.time.Duration;
import java.util.Map;

/**
 * Sends one notification to one channel of its type. Implementations never throw for a failed delivery: the
 * outcome, with the receiver's status code or the error, is the {@link SendResult}. They never log the
 * configuration, which holds the channel's secrets.
 */
public interface ChannelSender {

    /** The channel type served, as stored in {@code alert_channels.type}. */
    String type();

    SendResult send(Notification notification, Map<String, String> config, Duration timeout);
}
