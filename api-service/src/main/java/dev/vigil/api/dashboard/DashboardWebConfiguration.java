package dev.vigil.api.dashboard;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets dashboard handlers take the {@link Caller} as a parameter. */
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
}
