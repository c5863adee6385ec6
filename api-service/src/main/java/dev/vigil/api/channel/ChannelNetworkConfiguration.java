package dev.vigil.api.channel;

import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SSRF guard channel URLs are vetted with when saved, for an early, clear error: the same policy the alerting
 * service's guarded client enforces again at every send (where it counts, since DNS answers change).
 */
@Configuration(proxyBeanMethods = false)
class ChannelNetworkConfiguration {

    @Bean
    TargetGuard channelTargetGuard(ChannelProperties properties) {
        return new TargetGuard(TargetPolicy.of(properties.allowPrivateTargets(), List.of(), List.of()));
    }
}
