package dev.vigil.api.ratelimit;

import dev.vigil.api.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The API's two limits, per client IP on the routes that need no key and per key on the rest, and the filter that
 * applies them (placed by the security configuration after authentication, so it knows the key).
 */
@Component
public class RateLimits {

    private final RateLimiter perClientIp;
    private final RateLimiter perApiKey;
    private final RateLimiter signInsPerClientIp;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    RateLimits(RateLimitProperties properties, ProblemResponses problems, MeterRegistry meters, Clock clock) {
        this.perClientIp = new RateLimiter(properties.signup(), clock);
        this.perApiKey = new RateLimiter(properties.apiKey(), clock);
        this.signInsPerClientIp = new RateLimiter(properties.signIn(), clock);
        this.problems = problems;
        this.meters = meters;
    }

    /**
     * A filter limiting {@code accountRoutes} by client IP and authenticated requests by key. Not a bean: a filter
     * bean would also be registered for every request outside the security chain.
     */
    public Filter filter(String... accountRoutes) {
        return new RateLimitFilter(perClientIp, perApiKey, accountRoutes, problems, meters);
    }

    /** A filter limiting the sign-in form posted to {@code route} by client IP, with its own, tighter bucket. */
    public Filter signInFilter(String route) {
        return new RateLimitFilter(signInsPerClientIp, perApiKey, new String[] {route}, problems, meters);
    }
}
