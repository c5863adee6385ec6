package dev.vigil.api.statuspage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves a page at its custom domain: a request whose Host is a page's custom domain is forwarded to the page's own
 * routes ({@code /} to {@code /status/{slug}}, {@code /feed.atom} to {@code /status/{slug}/feed.atom}, ...). It runs
 * before Spring Security, so the forwarded request meets exactly the rules of {@code /status/**}; nothing else
 * (the API, actuator) is reachable through a custom domain.
 */
class CustomDomainFilter extends OncePerRequestFilter {

    static final String VIA_CUSTOM_DOMAIN = CustomDomainFilter.class.getName() + ".via";

    private final StatusPageCache cache;

    CustomDomainFilter(StatusPageCache cache) {
        this.cache = cache;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> slug = host.indexOf('.') < 0 ? Optional.empty() : cache.slugForDomain(host);
        if (slug.isEmpty() || path.startsWith("/status/")) {
            chain.doFilter(request, response);
            return;
        }
        String target = "/status/" + slug.get() + (path.equals("/") ? "" : path);
        String query = request.getQueryString();
        request.setAttribute(VIA_CUSTOM_DOMAIN, Boolean.TRUE);
        request.getRequestDispatcher(query == null ? target : target + "?" + query).forward(request, response);
    }

    /** Registers the filter before Spring Security's chain (order -100), for every request. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<CustomDomainFilter> customDomainFilter(StatusPageCache cache) {
            FilterRegistrationBean<CustomDomainFilter> registration =
                    new FilterRegistrationBean<>(new CustomDomainFilter(cache));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
            return registration;
        }
    }
}
