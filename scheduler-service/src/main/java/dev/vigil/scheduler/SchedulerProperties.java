package dev.vigil.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.scheduler.*}.
 *
 * @param tick               how often the schedule is checked for due rounds at most (it sleeps until the next due
 *                           round otherwise)
 * @param resyncInterval     how often the whole monitor table is re-read to repair anything a lost notification missed
 * @param leaderPollInterval how often a standby tries to become the active scheduler
 * @param lockKey            the PostgreSQL advisory lock that elects the active scheduler
 */
@ConfigurationProperties("vigil.scheduler")
public record SchedulerProperties(@DefaultValue("100ms") Duration tick, @DefaultValue("60s") Duration resyncInterval,
                                  @DefaultValue("2s") Duration leaderPollInterval,
                                  @DefaultValue("7361001") long lockKey) {
}
