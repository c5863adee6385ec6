package dev.vigil.api;

import dev.vigil.common.lifecycle.GracefulTermination;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The public face of Vigil: REST API, dashboard, status pages and heartbeat pings. People are authenticated by
 * Vigil's own user and key tables, so Spring Boot's generated in-memory user is turned off.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
public class ApiApplication {

    /** Shared defaults first, then this service's own settings (see vigil-defaults.yml for why not application.yml). */
    public static final String CONFIG_NAMES = "vigil-defaults,api-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ApiApplication.class).main(ApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAMES);
    }

    public static void main(String[] args) {
        GracefulTermination.install(application().run(args));
    }
}
