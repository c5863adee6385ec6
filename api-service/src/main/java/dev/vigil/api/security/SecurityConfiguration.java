package dev.vigil.api.security;

import dev.vigil.api.apikey.ApiKeyAuthenticator;
import dev.vigil.api.ratelimit.RateLimits;
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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Two filter chains. The API ({@code /api/**}): stateless, bearer keys, no CSRF since no cookie is honoured there;
 * anyone may sign up or accept an invitation, any key may read, only OWNER and ADMIN keys may change anything (a
 * VIEWER key gets 403 for every non-GET); rate limits per client IP on the account routes and per key on the rest.
 * Everything else: only the routes listed in {@link #PUBLIC_ROUTES} are open; the dashboard (a later issue) adds its
 * own session chain with CSRF protection for its routes, ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Public without a key: load balancers' health checks, heartbeats, status pages, API docs. */
    static final String[] PUBLIC_ROUTES = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/ping/**", "/status/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/error"};

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
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, ACCOUNT_ROUTES).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("VIEWER")
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyAuthenticationFilter(authenticator, problems, meters),
                        AuthorizationFilter.class)
                .addFilterAfter(rateLimits.filter(ACCOUNT_ROUTES), ApiKeyAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http, ProblemResponses problems) {
        http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_ROUTES).permitAll().anyRequest().denyAll())
                // Status page forms (subscribe, a private page's password, one-click unsubscribe) are posted from
                // cached pages shared by every visitor, which cannot carry a per-session CSRF token.
                .csrf(c -> c.ignoringRequestMatchers("/ping/**", "/status/*/subscribe", "/status/*/access",
                        "/status/*/unsubscribe"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
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
     * bcrypt (cost 10) today, with the algorithm recorded in each hash ({@code {bcrypt}...}) so a stronger one
     * (argon2) can take over later and old hashes still verify.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
