package dev.vigil.api.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Request rate limits ({@code vigil.rate-limits.*}), as token buckets: a burst of {@code capacity} requests, then one
 * more every {@code refill-every}. The buckets live in PostgreSQL, so they hold across every api-service instance.
 *
 * @param signup per client IP on the routes that need no key (sign-up, accepting an invitation): by default 5 at
 *               once, then one every 10 minutes
 * @param apiKey per API key on everything else: by default 300 at once, then 10 a second
 * @param signIn per client IP on the dashboard's sign-in form, against password guessing: by default 10 at once,
 *               then one every 30 seconds
 * @param subscribe per client IP on status page subscription forms: by default 10 at once, then one a minute
 * @param subscribeAddress per email address given to status page subscription forms, whatever the page: by default
 *               3 at once, then one every 10 minutes
 * @param statusPassword per client IP and private status page on its password form (each try costs a bcrypt
 *               check): by default 10 at once, then one every 30 seconds
 * @param channelTest per workspace (API) or person (dashboard) on alert channel test sends: by default 5 at once,
 *               then one a minute
 * @param testNow per person on the dashboard's "test now" of a monitor: by default 10 at once, then one every 6
 *               seconds
 * @param oneShotCheck per workspace on one-shot checks and "run now" of a monitor (API, MCP), each of which
 *               sends a check to every region: by default 10 at once, then one every 6 seconds
 * @param dashboardPost per person (or client IP before signing in) on every form the dashboard posts: by default 60
 *               at once, then one a second
 * @param slackActions per client IP on Slack's interaction requests ({@code /integrations/slack/actions}), which
 *               need no key: by default 120 at once, then 5 a second, so a flood of forged presses is refused before
 *               any channel is looked up or any signature computed, while Slack's own traffic stays well inside
 */
@ConfigurationProperties("vigil.rate-limits")
record RateLimitProperties(Limit signup, @Name("api-key") Limit apiKey, @Name("sign-in") Limit signIn,
                           Limit subscribe, @Name("subscribe-address") Limit subscribeAddress,
                           @Name("status-password") Limit statusPassword, @Name("channel-test") Limit channelTest,
                           @Name("test-now") Limit testNow, @Name("dashboard-post") Limit dashboardPost,
                           @Name("one-shot-check") Limit oneShotCheck,
                           @Name("slack-actions") Limit slackActions) {

    public RateLimitProperties {
        signup = Limit.withDefaults(signup, "signup", 5, Duration.ofMinutes(10));
        apiKey = Limit.withDefaults(apiKey, "api-key", 300, Duration.ofMillis(100));
        signIn = Limit.withDefaults(signIn, "sign-in", 10, Duration.ofSeconds(30));
        subscribe = Limit.withDefaults(subscribe, "subscribe", 10, Duration.ofMinutes(1));
        subscribeAddress = Limit.withDefaults(subscribeAddress, "subscribe-address", 3, Duration.ofMinutes(10));
        statusPassword = Limit.withDefaults(statusPassword, "status-password", 10, Duration.ofSeconds(30));
        channelTest = Limit.withDefaults(channelTest, "channel-test", 5, Duration.ofMinutes(1));
        testNow = Limit.withDefaults(testNow, "test-now", 10, Duration.ofSeconds(6));
        dashboardPost = Limit.withDefaults(dashboardPost, "dashboard-post", 60, Duration.ofSeconds(1));
        oneShotCheck = Limit.withDefaults(oneShotCheck, "one-shot-check", 10, Duration.ofSeconds(6));
        slackActions = Limit.withDefaults(slackActions, "slack-actions", 120, Duration.ofMillis(200));
    }

    /**
     * One token bucket's shape; an unset part takes the limit's default.
     *
     * @param capacity    the burst: requests allowed at once after a quiet period
     * @param refillEvery time to earn one more request back
     */
    public record Limit(Integer capacity, Duration refillEvery) {

        static Limit withDefaults(Limit given, String name, int capacity, Duration refillEvery) {
            Limit limit = new Limit(given == null || given.capacity == null ? capacity : given.capacity,
                    given == null || given.refillEvery == null ? refillEvery : given.refillEvery);
            if (limit.capacity < 1) {
                throw new IllegalArgumentException("vigil.rate-limits." + name + ".capacity must be at least 1, was "
                        + limit.capacity);
            }
            if (limit.refillEvery.toMillis() < 1) {
                throw new IllegalArgumentException("vigil.rate-limits." + name
                        + ".refill-every must be at least 1ms, was " + limit.refillEvery);
            }
            return limit;
        }
    }
}
