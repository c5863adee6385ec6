package dev.vigil.api.dashboard;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Lets dashboard handlers take the {@link Caller} as a parameter, and keeps links cheap to render. */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfiguration implements WebMvcConfigurer {

    private final CallerResolver callers;

    DashboardWebConfiguration(CallerResolver callers) {
        this.callers = callers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callers);
    }

    /**
     * Turns off the URL rewriting Thymeleaf's auto-configuration adds once the webjars locator enables the resource
     * chain. It passed every link of a page ({@code /app/monitors/<id>}, a hundred per monitor list) through the
     * static resource resolvers, which looked each one up on the class path and cached only the hits: two thirds of
     * the CPU of a dashboard request (bench/api-scale, JFR). Nothing needs it: no versioning strategy is configured,
     * and the webjars' version-less URLs are still resolved when they are requested.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterDisabled() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
