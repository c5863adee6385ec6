package dev.vigil.api.channel;

import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard channel URLs are vetted with: the same implementation and policies as probe targets. */
@Configuration(proxyBeanMethods = false)
class ChannelNetworkConfiguration {

    @Bean
    TargetGuard channelTargetGuard(ChannelProperties properties) {
        return new TargetGuard(properties.allowPrivateTargets() ? TargetPolicy.allowingPrivate()
                : TargetPolicy.publicOnly());
    }
}
