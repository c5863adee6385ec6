package dev.vigil.api.statuspage;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS whether a domain carries a page's challenge: a TXT record at {@code _vigil-challenge.<domain>} whose text
 * is the page's domain token. Whoever can publish that record controls the domain, so only they can have a page
 * served there. The resolver is {@code vigil.status-pages.domain-resolver} (tests point it at a loopback server), else
 * the system's; answers are never cached, so a record just published counts at once.
 */
@Component
class DomainVerifier {

    static final String CHALLENGE_LABEL = "_vigil-challenge";
    private static final Logger log = LoggerFactory.getLogger(DomainVerifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;

    DomainVerifier(StatusPageProperties properties) {
        this.resolver = resolver(properties.domainResolver());
    }

    private static Resolver resolver(String configured) {
        try {
            Resolver resolver;
            if (configured == null || configured.isBlank()) {
                resolver = new ExtendedResolver();
            } else {
                String text = configured.strip();
                int colon = text.lastIndexOf(':');
                boolean withPort = colon > 0 && text.indexOf(':') == colon;
                resolver = new SimpleResolver(new InetSocketAddress(withPort ? text.substring(0, colon) : text,
                        withPort ? Integer.parseInt(text.substring(colon + 1)) : 53));
            }
            resolver.setTimeout(TIMEOUT);
            return resolver;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.status-pages.domain-resolver is not a host or host:port: "
                    + configured);
        }
    }

    /** The name of the TXT record that proves {@code domain}. */
    static String recordName(String domain) {
        return CHALLENGE_LABEL + "." + domain;
    }

    /** Whether {@code domain}'s challenge record holds {@code token}; false also when DNS cannot answer. */
    boolean proves(String domain, String token) {
        try {
            Lookup lookup = new Lookup(Name.fromString(recordName(domain) + "."), Type.TXT);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            var records = lookup.run();
            if (lookup.getResult() != Lookup.SUCCESSFUL || records == null) {
                log.debug("domain challenge of {} not found: {}", domain, lookup.getErrorString());
                return false;
            }
            return Arrays.stream(records).filter(TXTRecord.class::isInstance).map(TXTRecord.class::cast)
                    .map(txt -> String.join("", txt.getStrings())).map(String::strip)
                    .anyMatch(text -> Objects.equals(text, token));
        } catch (TextParseException e) {
            return false;
        }
    }
}
