package dev.vigil.api.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert channels ({@code vigil.channel.*}; the encryption key is read by common's {@code SecretBoxAutoConfiguration}).
 *
 * @param allowPrivateTargets whether channel URLs may point at loopback, private and link-local addresses (local mode
 *                            and self-hosting); false in SaaS mode, where only public addresses pass the SSRF guard
 * @param maxPerWorkspace     channels a workspace may hold
 */
@ConfigurationProperties("vigil.channel")
record ChannelProperties(@DefaultValue("false") boolean allowPrivateTargets,
                                @DefaultValue("100") int maxPerWorkspace) {

    public ChannelProperties {
        if (maxPerWorkspace < 1) {
            throw new IllegalArgumentException("vigil.channel.max-per-workspace must be at least 1, was "
                    + maxPerWorkspace);
        }
    }
}
