package dev.vigil.api.monitor;

import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.DomainCheck;
import dev.vigil.common.check.MailServerCheck;
import dev.vigil.common.check.MailTls;
import dev.vigil.common.check.PingCheck;
import dev.vigil.common.check.UdpCheck;
import java.util.List;

/** The flat API fields of a PING, UDP, DOMAIN, SMTP, IMAP or POP3 check; all null for other types. */
record NetworkFields(String host, Integer port, Integer minDaysValid, List<Assertion> assertions,
                     Integer packetCount, Integer maxPacketLossPercent, String payload, String payloadEncoding,
                     String tlsMode) {

    private static final NetworkFields NONE = new NetworkFields(null, null, null, null, null, null, null, null, null);

    static NetworkFields of(Object spec) {
        return switch (spec) {
            case PingCheck ping -> new NetworkFields(ping.host(), null, null, null, ping.packetCount(),
                    ping.maxPacketLossPercent(), null, null, null);
            case UdpCheck udp -> new NetworkFields(udp.host(), udp.port(), null, udp.assertions(), null, null,
                    udp.payload(), udp.payloadEncoding(), null);
            case DomainCheck domain -> new NetworkFields(domain.domain(), null, domain.minDaysValid(), null, null,
                    null, null, null, null);
            // Without TLS there is no certificate: minDaysValid is left out, so what a client reads it can PUT back.
            case MailServerCheck mail -> new NetworkFields(mail.host(), mail.port(),
                    mail.tls() == MailTls.NONE ? null : mail.minDaysValid(), null, null, null, null, null,
                    mail.tls().name());
            case null, default -> NONE;
        };
    }
}
