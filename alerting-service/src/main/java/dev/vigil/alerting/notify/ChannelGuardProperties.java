package dev.vigil.alerting.notify;

import dev.vigil.common.net.NameServers;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SSRF policy of channel URLs ({@code vigil.channel.*}, shared with the api-service, which vets them at creation).
 *
 * @param allowPrivateTargets whether loopback, private and link-local addresses may be reached (local mode,
 *                            self-hosting); false in SaaS mode. Cloud metadata addresses are refused either way
 * @param nameServers         name servers ({@code ip} or {@code ip:port}) channel hosts are resolved with; unset: the
 *                            machine's resolver. Every address found is vetted either way
 * @param resolveTimeout      how long one lookup through {@code name-servers} may take
 */
@ConfigurationProperties("vigil.channel")
record ChannelGuardProperties(@DefaultValue("false") boolean allowPrivateTargets,
                              @DefaultValue List<String> nameServers,
                              @DefaultValue("5s") Duration resolveTimeout) {

    ChannelGuardProperties {
        nameServers = nameServers == null ? List.of() : List.copyOf(nameServers);
        NameServers.parse("vigil.channel.name-servers", nameServers);
    }
}
