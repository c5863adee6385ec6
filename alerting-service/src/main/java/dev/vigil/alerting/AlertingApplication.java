package dev.vigil.alerting;

import dev.vigil.common.lifecycle.GracefulTermination;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Stores check results, decides what is an outage, and tells people. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AlertingApplication {

    public static final String CONFIG_NAMES = "vigil-defaults,alerting-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AlertingApplication.class).main(AlertingApplication.class)
                .properties("spring.config.name=" + CONFIG_NAMES);
    }

    public static void main(String[] args) {
        GracefulTermination.install(application().run(args));
    }
}
