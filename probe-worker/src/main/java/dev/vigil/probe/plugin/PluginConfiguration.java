package dev.vigil.probe.plugin;

import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.plugin.spi.JavaPlugins;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the Java plugins of {@code vigil.probe.java-plugin-dir} once, at start-up. */
@Configuration(proxyBeanMethods = false)
class PluginConfiguration {

    @Bean(destroyMethod = "close")
    JavaPlugins javaPlugins(ProbeProperties properties, Connector connector) {
        return JavaPlugins.load(properties.javaPluginDir(), connector);
    }
}
