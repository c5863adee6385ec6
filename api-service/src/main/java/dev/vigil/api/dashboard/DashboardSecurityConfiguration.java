package dev.vigil.api.dashboard;

import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.ratelimit.RateLimits;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
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
    static final String[] ROUTES = {"/", "/login", "/logout", "/signup", "/app", "/app/**", "/dashboard/**",
            "/webjars/**"};
    static final String[] OPEN_ROUTES = {"/login", "/signup", "/dashboard/**", "/webjars/**"};
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityContextRepository dashboardSecurityContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(0)
    SecurityFilterChain dashboardChain(HttpSecurity http, UserAccountRepository users, PasswordEncoder passwords,
                                       SecurityContextRepository dashboardSecurityContexts, RateLimits rateLimits) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new DashboardAccounts(users));
        provider.setPasswordEncoder(passwords);
        http.securityMatcher(ROUTES)
                .authenticationManager(new ProviderManager(provider))
                .securityContext(c -> c.securityContextRepository(dashboardSecurityContexts))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN_ROUTES).permitAll().anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/app/monitors", false)
                        .failureUrl("/login?error").permitAll())
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
     * the form is no way around it; signing in has a bucket of its own per client IP, against password guessing. Only
     * posts count: showing the forms is free.
     */
    private static Filter signupLimit(RateLimits rateLimits) {
        Filter signUp = rateLimits.filter("/signup");
        Filter signIn = rateLimits.signInFilter("/login");
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"POST".equals(http.getMethod())) {
                chain.doFilter(request, response);
            } else if ("/login".equals(http.getRequestURI())) {
                signIn.doFilter(request, response, chain);
            } else {
                signUp.doFilter(request, response, chain);
            }
        };
    }
}
