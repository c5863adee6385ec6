package dev.vigil.api.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Public status pages ({@code vigil.status-pages.*}).
 *
 * @param cacheTtl     how long a page's snapshot is served from memory; changes made through this API evict it at
 *                     once, monitor state changes made by the alerting service show up within this time
 * @param maxAge       the {@code Cache-Control: max-age} given to browsers and CDNs for public pages
 * @param accessSecret key of the cookies that remember a private page's password was given; empty means a random key
 *                     per process (visitors of a private page then type the password again after a restart or on
 *                     another instance: set it, from an environment variable, when running several instances)
 * @param domainResolver the DNS server ({@code host} or {@code host:port}) asked for the TXT record that proves a
 *                     custom domain is the workspace's ({@code _vigil-challenge.<domain>}); empty: the system's
 *                     resolvers
 */
@ConfigurationProperties("vigil.status-pages")
record StatusPageProperties(@DefaultValue("10s") Duration cacheTtl, @DefaultValue("30s") Duration maxAge,
                                   @DefaultValue("") String accessSecret, @DefaultValue("") String domainResolver) {

    public StatusPageProperties {
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("vigil.status-pages.cache-ttl must be between 0 and 10m, was "
                    + cacheTtl);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("vigil.status-pages.max-age must not be negative, was " + maxAge);
        }
    }
}
