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
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the POSTs of chosen routes, each by its own rules: a route may count against several limits (a status page
 * subscription against the client's address and against the email address given), and is refused with 429, a
 * problem document and {@code Retry-After} when any of them is spent. Placed after authentication, so a rule can
 * name the caller.
 */
final class RouteLimitFilter extends OncePerRequestFilter {

    /** One limit on the POSTs whose path matches; {@code client} answers whom it counts, or null to skip. */
    record Rule(Pattern path, RateLimiter limiter, Function<HttpServletRequest, String> client, String whose) {
    }

    private final List<Rule> rules;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    RouteLimitFilter(List<Rule> rules, ProblemResponses problems, MeterRegistry meters) {
        this.rules = rules;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (Rule rule : rules) {
            if (!rule.path().matcher(path).matches()) {
                continue;
            }
            String client = rule.client().apply(request);
            if (client == null) {
                continue;
            }
            Duration wait = rule.limiter().acquire(client);
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                meters.counter("vigil.api.rate.limited", "limit", rule.limiter().name()).increment();
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "Rate limit reached for " + rule.whose() + "; retry in " + seconds + " s.", request);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The client's address (a trusted proxy's X-Forwarded-For already applied by the container). */
    static String clientIp(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /** The page and the client's address: password tries count per page, so one page's visitors share nothing. */
    static String pageAndClientIp(HttpServletRequest request) {
        return request.getRequestURI() + "|" + request.getRemoteAddr();
    }

    /** The email address a form gives, normalised; none: the rule does not apply (the form answers 400). */
    static String emailParameter(HttpServletRequest request) {
        String email = request.getParameter("email");
        if (email == null || email.isBlank()) {
            email = request.getParameter("webhook");  // a webhook subscription counts against its URL
        }
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The workspace of an API key, the person of a dashboard session, else the client's address. */
    static String caller(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return "ip:" + request.getRemoteAddr();
        }
        if (authentication.getPrincipal() instanceof ApiPrincipal principal) {
            return "workspace:" + principal.workspaceId();
        }
        return "user:" + authentication.getName();
    }
}
