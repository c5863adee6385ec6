package dev.vigil.api.ratelimit;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} (whole seconds) and a problem document when the caller's bucket is empty.
 * The client IP is the connection's, or the one a trusted proxy put in {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy}); requests with no valid key pass through to be answered 401.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter perClientIp;
    private final RateLimiter perApiKey;
    private final Set<String> accountRoutes;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    RateLimitFilter(RateLimiter perClientIp, RateLimiter perApiKey, String[] accountRoutes, ProblemResponses problems,
                    MeterRegistry meters) {
        this.perClientIp = perClientIp;
        this.perApiKey = perApiKey;
        this.accountRoutes = Set.of(accountRoutes);
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = Duration.ZERO;
        String limit = null;
        if (accountRoutes.contains(request.getRequestURI())) {
            limit = "client-ip";
            wait = perClientIp.acquire(request.getRemoteAddr());
        } else if (caller() instanceof ApiPrincipal principal) {
            limit = "api-key";
            wait = perApiKey.acquire(principal.apiKeyId().toString());
        }
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        meters.counter("vigil.api.rate.limited", "limit", limit).increment();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "Rate limit reached" + ("api-key".equals(limit) ? " for this API key" : " for your address")
                        + "; retry in " + seconds + " s.", request);
    }

    private static Object caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getPrincipal();
    }
}
