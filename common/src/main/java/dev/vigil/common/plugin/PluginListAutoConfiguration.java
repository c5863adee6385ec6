package dev.vigil.common.plugin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The plugin list from {@code vigil.plugins.*}; a malformed entry stops start-up naming it. */
@AutoConfiguration
@EnableConfigurationProperties(PluginListProperties.class)
public class PluginListAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    NagiosPluginList nagiosPluginList(PluginListProperties properties) {
        return properties.list();
    }
}
