package dev.vigil.alerting.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SSRF policy of channel URLs ({@code vigil.channel.*}, shared with the api-service, which vets them at creation).
 *
 * @param allowPrivateTargets whether loopback, private and link-local addresses may be reached (local mode,
 *                            self-hosting); false in SaaS mode
 */
@ConfigurationProperties("vigil.channel")
record ChannelGuardProperties(@DefaultValue("false") boolean allowPrivateTargets) {
}
