package dev.vigil.alerting.notify.sender;

import dev.vigil.common.channel.ChannelType;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one notification to one channel of its type. Implementations never throw for a failed delivery: the
 * outcome, with the receiver's status code or the error, is the {@link SendResult}. They never log the
 * configuration, which holds the channel's secrets.
 */
public interface ChannelSender {

    /** The channel type served ({@code alert_channels.type}). */
    ChannelType type();

    SendResult send(Notification notification, Map<String, String> config, Duration timeout);
}
