package dev.vigil.scheduler;

import dev.vigil.common.lifecycle.GracefulTermination;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns monitors into check jobs on the regions' queues; one active instance at a time. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {

    public static final String CONFIG_NAMES = "vigil-defaults,scheduler-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SchedulerApplication.class).main(SchedulerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAMES);
    }

    public static void main(String[] args) {
        GracefulTermination.install(application().run(args));
    }
}
