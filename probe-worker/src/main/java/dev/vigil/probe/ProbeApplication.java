package dev.vigil.probe;

import dev.vigil.common.lifecycle.GracefulTermination;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stateless probe for one region: reads its region's queues, runs checks, publishes results. Holds no database
 * credentials; the data-source auto-configurations are excluded so that it never tries to open one, even where a
 * JDBC driver is on the classpath (the local stack runs every service in one JVM).
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
@ConfigurationPropertiesScan
public class ProbeApplication {

    public static final String CONFIG_NAMES = "vigil-defaults,probe-worker";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ProbeApplication.class).main(ProbeApplication.class)
                .properties("spring.config.name=" + CONFIG_NAMES);
    }

    public static void main(String[] args) {
        GracefulTermination.install(application().run(args));
    }
}
