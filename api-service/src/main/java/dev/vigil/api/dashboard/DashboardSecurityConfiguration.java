package dev.vigil.api.dashboard;

import dev.vigil.api.ratelimit.RateLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The dashboard's own filter chain, separate from the API's bearer-key chain ({@code /api/**}, stateless, no
 * cookies honoured): a form login kept in the HTTP session, CSRF tokens on every state-changing request (forms carry
 * a hidden field, htmx requests a header), a session id changed at sign-in, and a Content-Security-Policy that only
 * lets the dashboard's own scripts run (htmx and Chart.js are served from this origin as WebJars).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    /** Every route the dashboard serves; anything else falls to the API or public chains. */
    static final String[] ROUTES = {"/", "/login", "/login/**", "/logout", "/signup", "/verify-email",
            "/invitation", "/invitation/**", "/forgot-password", "/reset-password", "/app", "/app/**",
            "/dashboard/**", "/webjars/**"};
    /** Sign-in and sign-up, and the pages the mailed links open (the link's token is their secret). */
    static final String[] OPEN_ROUTES = {"/login", "/login/**", "/signup", "/verify-email", "/invitation",
            "/invitation/**", "/forgot-password", "/reset-password", "/dashboard/**", "/webjars/**"};
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityContextRepository dashboardSecurityContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(0)
    SecurityFilterChain dashboardChain(HttpSecurity http, JdbcClient jdbc,
                                       SecurityContextRepository dashboardSecurityContexts, RateLimits rateLimits) {
        // Signing in is SignInController's (password behind the per-address lock-out, then a TOTP code when the
        // account has one), not a form login filter's.
        http.securityMatcher(ROUTES)
                .securityContext(c -> c.securityContextRepository(dashboardSecurityContexts))
                // A live stream's async dispatch comes back through the chain after its request was authorised; once
                // the session is gone it would be refused and logged as an error for nothing.
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(OPEN_ROUTES).permitAll().anyRequest().authenticated())
                .formLogin(AbstractHttpConfigurer::disable)
                .addFilterAfter(new SessionEpochFilter(jdbc), SecurityContextHolderFilter.class)
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("JSESSIONID"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .addFilterBefore(signupLimit(rateLimits), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(rateLimits.dashboardFilter(), AuthorizationFilter.class)
                // A poll after the session ended: htmx would swap the sign-in page into a table cell; HX-Redirect
                // makes it load the sign-in page as a whole instead.
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static AuthenticationEntryPoint signInFirst() {
        AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, failure) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                loginPage.commence(request, response, failure);
            }
        };
    }

    /**
     * Signing up in the dashboard shares the API's per-address sign-up limit (one bucket per client IP for both), so
     * the form is no way around it, and so do the other forms that need no sign-in (asking for a reset link, setting
     * a new password, creating an account from an invitation); signing in (password, then code) has a bucket of its
     * own per client IP, against password guessing, besides the per-account lock-out. Only posts count: showing the
     * forms is free.
     */
    private static Filter signupLimit(RateLimits rateLimits) {
        Filter signUp = rateLimits.filter("/signup", "/forgot-password", "/reset-password", "/invitation/register");
        Filter signIn = rateLimits.signInFilter("/login");
        Filter signInCode = rateLimits.signInFilter("/login/code");
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"POST".equals(http.getMethod())) {
                chain.doFilter(request, response);
            } else if ("/login".equals(http.getRequestURI())) {
                signIn.doFilter(request, response, chain);
            } else if ("/login/code".equals(http.getRequestURI())) {
                signInCode.doFilter(request, response, chain);
            } else {
                signUp.doFilter(request, response, chain);
            }
        };
    }
}
