package dev.vigil.probe.check.domain;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code vigil.probe.rdap.*}: where DOMAIN checks find registries.
 *
 * @param bootstrapUrl    IANA's RDAP bootstrap file for DNS (which RDAP server serves which top-level domain); a
 *                        mirror of it for probes without internet access to data.iana.org
 * @param refresh         how long a fetched bootstrap file is used before it is fetched again (IANA changes it a
 *                        few times a month); a failed refresh keeps the last good copy
 * @param maxResponseSize bootstrap file and RDAP answers read at most
 */
@ConfigurationProperties("vigil.probe.rdap")
public record RdapProperties(@DefaultValue("https://data.iana.org/rdap/dns.json") URI bootstrapUrl,
                             @DefaultValue("24h") Duration refresh,
                             @DefaultValue("2MB") DataSize maxResponseSize) {

    public RdapProperties {
        if (bootstrapUrl == null || !bootstrapUrl.isAbsolute() || !("https".equals(bootstrapUrl.getScheme())
                || "http".equals(bootstrapUrl.getScheme()))) {
            throw new IllegalArgumentException("vigil.probe.rdap.bootstrap-url must be an absolute http(s) URL");
        }
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("vigil.probe.rdap.refresh must be positive");
        }
        if (maxResponseSize == null || maxResponseSize.toBytes() < 1024) {
            throw new IllegalArgumentException("vigil.probe.rdap.max-response-size must be at least 1KB");
        }
    }

    /** IANA's file, refreshed daily: for tests that point the URL elsewhere. */
    public static RdapProperties of(URI bootstrapUrl) {
        return new RdapProperties(bootstrapUrl, Duration.ofHours(24), DataSize.ofMegabytes(2));
    }
}
