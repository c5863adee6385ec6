package dev.vigil.api.security;

import dev.vigil.api.apikey.ApiKeyAuthenticator;
import dev.vigil.api.ratelimit.RateLimits;
import dev.vigil.api.web.ContentSecurityPolicies;
import dev.vigil.api.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The API ({@code /api/**}): stateless, bearer keys, no CSRF since no cookie is honoured there;
 * anyone may sign up or accept an invitation, any key may read, only OWNER and ADMIN keys may change anything (a
 * VIEWER key gets 403 for every non-GET); rate limits per client IP on the account routes and per key on the rest.
 * Everything else: only the routes listed in {@link #PUBLIC_ROUTES} are open; the dashboard (a later issue) adds its
 * own session chain with CSRF protection for its routes, ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Public without a key: load balancers' health checks ({@code /livez}, {@code /readyz}), heartbeats, status pages,
     * API docs, Slack's interaction requests (authenticated by Slack's signature, see {@code SlackActions}). The actuator routes are served only on the management port (never published), where this chain also
     * applies; on the public port they do not exist (404).
     */
    static final String[] PUBLIC_ROUTES = {"/livez", "/readyz", "/actuator/health", "/actuator/health/**",
            "/actuator/info", "/actuator/prometheus", "/ping/**", "/status/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/error", "/integrations/slack/actions"};

    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** Status pages, also when reached through a custom domain (a forward to {@code /status/{slug}/...}). */
    private static final RequestMatcher STATUS_PAGES = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.startsWith("/status/") || path.startsWith("/ping/")) && !isWidget(path);
    };

    /** A status page's embeddable widget: the one answer other sites may frame. */
    private static final RequestMatcher STATUS_WIDGET = request ->
            isWidget(request.getRequestURI().substring(request.getContextPath().length()));

    private static boolean isWidget(String path) {
        return path.startsWith("/status/") && path.endsWith("/widget") && path.indexOf('/', "/status/".length())
                == path.length() - "/widget".length();
    }

    /**
     * API routes that need no key: creating an account, accepting an invitation and resetting a password (the mailed
     * token is the secret), each limited per client IP.
     */
    static final String[] ACCOUNT_ROUTES = {"/api/v1/signup", "/api/v1/invitations/accept",
            "/api/v1/password-reset", "/api/v1/password-reset/complete"};

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyAuthenticator authenticator, ProblemResponses problems,
                                 RateLimits rateLimits, MeterRegistry meters) {
        // The MCP server (/mcp) is the same API by another protocol: same keys, limits and errors; its tools check
        // the key's role themselves (a VIEWER may call the reading ones), so any key may reach it.
        http.securityMatcher("/api/**", "/mcp", "/mcp/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, ACCOUNT_ROUTES).permitAll()
                        .requestMatchers("/mcp", "/mcp/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("VIEWER")
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyAuthenticationFilter(authenticator, problems, meters),
                        AuthorizationFilter.class)
                .addFilterAfter(rateLimits.filter(ACCOUNT_ROUTES), ApiKeyAuthenticationFilter.class)
                .addFilterBefore(rateLimits.apiRoutesFilter(), AuthorizationFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(ContentSecurityPolicies.OTHER_PUBLIC)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http, ProblemResponses problems, RateLimits rateLimits) {
        http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_ROUTES).permitAll().anyRequest().denyAll())
                .addFilterBefore(rateLimits.publicRoutesFilter(), AuthorizationFilter.class)
                // Status page forms (subscribe, a private page's password, one-click unsubscribe) are posted from
                // cached pages shared by every visitor, which cannot carry a per-session CSRF token.
                .csrf(c -> c.ignoringRequestMatchers("/ping/**", "/status/*/subscribe", "/status/*/access",
                        "/status/*/unsubscribe", "/integrations/slack/actions"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                // Status pages show tenants' text to anyone: no script may run there. (PublicPageFastPath adds the
                // same header to the answers it serves ahead of this chain.)
                // The widget alone may be framed: X-Frame-Options DENY on everything else.
                .headers(h -> h
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(
                                STATUS_WIDGET), new StaticHeadersWriter("X-Frame-Options", "DENY")))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(STATUS_WIDGET, new StaticHeadersWriter(
                                CONTENT_SECURITY_POLICY, ContentSecurityPolicies.STATUS_WIDGET)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(STATUS_PAGES, new StaticHeadersWriter(
                                CONTENT_SECURITY_POLICY, ContentSecurityPolicies.STATUS_PAGES)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new AndRequestMatcher(new NegatedRequestMatcher(STATUS_PAGES),
                                        new NegatedRequestMatcher(STATUS_WIDGET)), new StaticHeadersWriter(
                                        CONTENT_SECURITY_POLICY, ContentSecurityPolicies.OTHER_PUBLIC))))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    /**
     * A URL the firewall refuses (encoded slashes, {@code ..}, {@code ;}, NUL, ...) is a 400 problem like any other
     * bad input, instead of the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedAsProblem(ProblemResponses problems) {
        return (request, response, rejected) -> problems.write(response, HttpStatus.BAD_REQUEST, "Invalid request",
                "The request URL contains characters or sequences that are not allowed.", request);
    }

    /**
     * No observations of Spring Security's own: with them every filter of the chain (some fifteen per request) was
     * wrapped in a Micrometer observation with its timers and tags, about a tenth of a monitor create's CPU (issue
     * 16, bench/README.md), for figures nothing reads. Requests stay observed as a whole ({@code http.server.requests}
     * and the trace context), and refused keys and rate limits have counters of their own.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * bcrypt (cost 10) today, with the algorithm recorded in each hash ({@code {bcrypt}...}) so a stronger one
     * (argon2) can take over later and old hashes still verify.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
