package dev.vigil.api.ratelimit;

import dev.vigil.api.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The API's limits, kept in PostgreSQL so they hold across instances ({@link RateLimiter}), and the filters that
 * apply them (placed by the security configurations after authentication, so they know the caller): per client IP
 * on the routes that need no key, per key on the rest, and per route on what is costly or abusable: status page
 * subscriptions and password tries, alert channel test sends, "test now", and every dashboard form.
 */
@Component
public class RateLimits {

    private static final Pattern CHANNEL_TEST = Pattern.compile("/(api/v1/alert-channels|app/channels)/[^/]+/test");

    private final RateLimiter perClientIp;
    private final RateLimiter perApiKey;
    private final RateLimiter signInsPerClientIp;
    private final RateLimiter subscribe;
    private final RateLimiter subscribeAddress;
    private final RateLimiter statusPassword;
    private final RateLimiter channelTest;
    private final RateLimiter testNow;
    private final RateLimiter dashboardPost;
    private final RateLimiter oneShotCheck;
    private final RateLimiter slackActions;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    RateLimits(RateLimitProperties properties, JdbcClient jdbc, ProblemResponses problems, MeterRegistry meters,
               Clock clock) {
        this.perClientIp = new RateLimiter("signup", properties.signup(), jdbc, clock, meters);
        this.perApiKey = new RateLimiter("api-key", properties.apiKey(), jdbc, clock, meters);
        this.signInsPerClientIp = new RateLimiter("sign-in", properties.signIn(), jdbc, clock, meters);
        this.subscribe = new RateLimiter("subscribe", properties.subscribe(), jdbc, clock, meters);
        this.subscribeAddress = new RateLimiter("subscribe-address", properties.subscribeAddress(), jdbc, clock,
                meters);
        this.statusPassword = new RateLimiter("status-password", properties.statusPassword(), jdbc, clock, meters);
        this.channelTest = new RateLimiter("channel-test", properties.channelTest(), jdbc, clock, meters);
        this.testNow = new RateLimiter("test-now", properties.testNow(), jdbc, clock, meters);
        this.dashboardPost = new RateLimiter("dashboard-post", properties.dashboardPost(), jdbc, clock, meters);
        this.oneShotCheck = new RateLimiter("one-shot-check", properties.oneShotCheck(), jdbc, clock, meters);
        this.slackActions = new RateLimiter("slack-actions", properties.slackActions(), jdbc, clock, meters);
        this.problems = problems;
        this.meters = meters;
    }

    /**
     * A filter limiting {@code accountRoutes} by client IP and authenticated requests by key, and alert channel test
     * sends by workspace. Not a bean: a filter bean would also be registered for every request outside the security
     * chain.
     */
    public Filter filter(String... accountRoutes) {
        return new RateLimitFilter(perClientIp, perApiKey, accountRoutes, problems, meters);
    }

    /** The API's costly routes: alert channel test sends, per workspace. */
    public Filter apiRoutesFilter() {
        return new RouteLimitFilter(List.of(
                new RouteLimitFilter.Rule(CHANNEL_TEST, channelTest, RouteLimitFilter::caller, "this workspace")),
                problems, meters);
    }

    /** A filter limiting the sign-in form posted to {@code route} by client IP, with its own, tighter bucket. */
    public Filter signInFilter(String route) {
        return new RateLimitFilter(signInsPerClientIp, perApiKey, new String[] {route}, problems, meters);
    }

    /**
     * The public routes' posts: status pages' forms (subscribing, per client IP and per address given; a private
     * page's password) and Slack's interaction requests (per client IP). One filter for all: a second filter of the
     * same class in one chain would be skipped as already applied.
     */
    public Filter publicRoutesFilter() {
        Pattern subscription = Pattern.compile("/status/[^/]+/subscribe");
        return new RouteLimitFilter(List.of(
                new RouteLimitFilter.Rule(subscription, subscribe, RouteLimitFilter::clientIp, "your address"),
                new RouteLimitFilter.Rule(subscription, subscribeAddress, RouteLimitFilter::emailParameter,
                        "this email address"),
                new RouteLimitFilter.Rule(Pattern.compile("/status/[^/]+/access"), statusPassword,
                        RouteLimitFilter::pageAndClientIp, "password tries on this page from your address"),
                new RouteLimitFilter.Rule(Pattern.compile("/integrations/slack/actions"), slackActions,
                        RouteLimitFilter::clientIp, "Slack requests from your address")),
                problems, meters);
    }

    /** The dashboard's forms: channel test sends, "test now", and every post, per person. */
    public Filter dashboardFilter() {
        return new RouteLimitFilter(List.of(
                new RouteLimitFilter.Rule(CHANNEL_TEST, channelTest, RouteLimitFilter::caller, "alert channel tests"),
                new RouteLimitFilter.Rule(Pattern.compile("/app/monitors/[^/]+/test"), testNow,
                        RouteLimitFilter::caller, "\"test now\""),
                new RouteLimitFilter.Rule(Pattern.compile("/app/.*|/logout"), dashboardPost, RouteLimitFilter::caller,
                        "changes from your account")),
                problems, meters);
    }

    /**
     * Takes one one-shot check (or "run now" of a monitor) from the workspace's bucket, or refuses with 429 and
     * {@code Retry-After}. Called by the service rather than a route filter, so the REST API and the MCP tools share
     * one bucket.
     */
    public void takeOneShotCheck(UUID workspaceId) {
        Duration wait = oneShotCheck.acquire("workspace:" + workspaceId);
        if (wait.isZero()) {
            return;
        }
        meters.counter("vigil.api.rate.limited", "limit", oneShotCheck.name()).increment();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "This workspace ran too many one-shot checks; try again in " + seconds + " s.");
        problem.setTitle("Too many requests");
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        throw refused;
    }
}
