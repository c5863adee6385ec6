package dev.vigil.api.statuspage;

import dev.vigil.api.web.ContentSecurityPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the hot public representations of a public page (the page, its history, summary.json) straight from
 * {@link StatusPageCache}, ahead of the security filter chain and Spring MVC. A status page is read most when
 * something is down, and those layers cost about ten times the work of writing cached bytes; these routes are public
 * in the security configuration anyway ({@code /status/**}) and take no input but the slug and two headers.
 *
 * <p>Everything else passes on unchanged to the regular chain and {@link PublicStatusController}: private pages (their
 * access check), pages not in the cache yet, unknown slugs, other routes and methods. Answers carry the headers the
 * security chain would have added for them.
 */
class PublicPageFastPath extends OncePerRequestFilter {

    private final StatusPageCache cache;
    private final StatusPageRenderer renderer;
    private final String cacheControl;
    // Answers here skip Spring's http.server.requests timer, so they are counted on their own.
    private final Counter served;
    private final Counter notModified;

    PublicPageFastPath(StatusPageCache cache, StatusPageRenderer renderer, StatusPageProperties properties,
                       MeterRegistry meters) {
        this.cache = cache;
        this.renderer = renderer;
        this.cacheControl = "public, max-age=" + properties.maxAge().toSeconds();
        this.served = meters.counter("vigil.status_pages.fast_path", "outcome", "served");
        this.notModified = meters.counter("vigil.status_pages.fast_path", "outcome", "not_modified");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(method.equals("GET") || method.equals("HEAD")) || !path.startsWith("/status/")
                || request.getQueryString() != null) {
            chain.doFilter(request, response);
            return;
        }
        String rest = path.substring("/status/".length());
        int slash = rest.indexOf('/');
        String slug = slash < 0 ? rest : rest.substring(0, slash);
        String route = slash < 0 ? "" : rest.substring(slash);
        if (slug.isEmpty() || slug.length() > 63 || !StatusPageRules.SLUG.matcher(slug).matches()
                || !(route.isEmpty() || route.equals("/history") || route.equals("/summary.json"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<StatusPageCache.Entry> found = cache.get(slug);
        if (found.isEmpty() || found.get().snapshot().page().isPrivate()) {
            chain.doFilter(request, response);
            return;
        }
        StatusSnapshot snapshot = found.get().snapshot();
        String base = PublicStatusController.base(slug, request);
        // The same cache keys as PublicStatusController, so both share each rendering.
        Rendered rendered = switch (route) {
            case "" -> found.get().rendering("page:" + base, () -> renderer.page(snapshot, base));
            case "/history" -> found.get().rendering("history:" + base, () -> renderer.history(snapshot, base));
            default -> found.get().rendering("summary", () -> renderer.summary(snapshot));
        };
        ResponseEntity<byte[]> answer = PublicStatusController.respond(rendered, false, cacheControl, request);
        (answer.getBody() == null ? notModified : served).increment();
        write(answer, method.equals("HEAD"), response);
    }

    private static void write(ResponseEntity<byte[]> answer, boolean head, HttpServletResponse response)
            throws IOException {
        response.setStatus(answer.getStatusCode().value());
        for (Map.Entry<String, java.util.List<String>> header : answer.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        // What Spring Security's header writer adds to every answer of the regular chain.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Content-Security-Policy", ContentSecurityPolicies.STATUS_PAGES);
        byte[] body = answer.getBody();
        if (body != null) {
            response.setContentLength(body.length);
            if (!head) {
                response.getOutputStream().write(body);
            }
        }
    }

    /** Registered after {@link CustomDomainFilter} and before Spring Security (order -100), also for forwards. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<PublicPageFastPath> publicPageFastPath(StatusPageCache cache,
                                                                     StatusPageRenderer renderer,
                                                                     StatusPageProperties properties,
                                                                     MeterRegistry meters) {
            FilterRegistrationBean<PublicPageFastPath> registration =
                    new FilterRegistrationBean<>(new PublicPageFastPath(cache, renderer, properties, meters));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
            return registration;
        }
    }
}
