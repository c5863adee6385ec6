package dev.vigil.common.artifact;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The screenshot store named by {@code vigil.artifacts.store}; none for {@code postgresql} (rows hold the PNGs). */
@AutoConfiguration
@EnableConfigurationProperties(ArtifactProperties.class)
public class ArtifactStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ScreenshotStore.class)
    @ConditionalOnProperty(name = "vigil.artifacts.store", havingValue = "s3")
    S3ScreenshotStore s3ScreenshotStore(ArtifactProperties properties) {
        return new S3ScreenshotStore(properties.s3());
    }
}
