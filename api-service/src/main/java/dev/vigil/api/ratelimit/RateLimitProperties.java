package dev.vigil.api.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Request rate limits ({@code vigil.rate-limits.*}), as token buckets: a burst of {@code capacity} requests, then one
 * more every {@code refill-every}. Limits are kept in each api-service instance's memory, so with N instances
 * behind a load balancer a client gets up to N times the limit.
 *
 * @param signup per client IP on the routes that need no key (sign-up, accepting an invitation): by default 5 at
 *               once, then one every 10 minutes
 * @param apiKey per API key on everything else: by default 300 at once, then 10 a second
 * @param signIn per client IP on the dashboard's sign-in form, against password guessing: by default 10 at once,
 *               then one every 30 seconds
 */
@ConfigurationProperties("vigil.rate-limits")
record RateLimitProperties(Limit signup, @Name("api-key") Limit apiKey, @Name("sign-in") Limit signIn) {

    public RateLimitProperties {
        signup = Limit.withDefaults(signup, "signup", 5, Duration.ofMinutes(10));
        apiKey = Limit.withDefaults(apiKey, "api-key", 300, Duration.ofMillis(100));
        signIn = Limit.withDefaults(signIn, "sign-in", 10, Duration.ofSeconds(30));
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
