package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.DomainCheck;
import dev.vigil.common.check.ImapCheck;
import dev.vigil.common.check.MailTls;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.PingCheck;
import dev.vigil.common.check.Pop3Check;
import dev.vigil.common.check.SmtpCheck;
import dev.vigil.common.check.UdpCheck;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The definitions of PING, UDP, DOMAIN, SMTP, IMAP and POP3 monitors (issue 17). */
final class NetworkCheckRules {

    static final int DEFAULT_PACKET_COUNT = 3;
    static final int MAX_PACKET_COUNT = 10;
    static final int DEFAULT_MAX_PACKET_LOSS = 50;
    static final int MAX_PAYLOAD_BYTES = 4096;
    static final int DEFAULT_DOMAIN_DAYS = 30;

    /** The types with their rules here. */
    static final Set<MonitorType> TYPES = EnumSet.of(MonitorType.PING, MonitorType.UDP, MonitorType.DOMAIN,
            MonitorType.SMTP, MonitorType.IMAP, MonitorType.POP3);

    private NetworkCheckRules() {
    }

    static CheckSpec check(FieldProblems problems, MonitorType type, MonitorRequest request) {
        return switch (type) {
            case PING -> ping(problems, request);
            case UDP -> udp(problems, request);
            case DOMAIN -> domain(problems, request);
            case SMTP, IMAP, POP3 -> mail(problems, type, request);
            default -> throw new IllegalArgumentException(type + " has no rules here");
        };
    }

    private static PingCheck ping(FieldProblems problems, MonitorRequest request) {
        int count = request.packetCount() == null ? DEFAULT_PACKET_COUNT : request.packetCount();
        if (count < 1 || count > MAX_PACKET_COUNT) {
            problems.add("packetCount", "packetCount must be between 1 and " + MAX_PACKET_COUNT);
        }
        int loss = request.maxPacketLossPercent() == null ? DEFAULT_MAX_PACKET_LOSS : request.maxPacketLossPercent();
        if (loss < 0 || loss > 99) {
            problems.add("maxPacketLossPercent", "maxPacketLossPercent must be between 0 and 99 (a check with no "
                    + "reply at all is always down)");
        }
        return new PingCheck(HostRules.connectableHost(problems, "host", request.host()), count, loss);
    }

    private static UdpCheck udp(FieldProblems problems, MonitorRequest request) {
        String encoding = request.payloadEncoding() == null ? UdpCheck.TEXT
                : request.payloadEncoding().strip().toUpperCase(Locale.ROOT);
        if (!encoding.equals(UdpCheck.TEXT) && !encoding.equals(UdpCheck.HEX)) {
            problems.add("payloadEncoding", "payloadEncoding must be TEXT or HEX");
        }
        String payload = request.payload() == null ? "" : request.payload();
        if (encoding.equals(UdpCheck.HEX)) {
            payload = payload.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (payload.length() % 2 != 0 || !payload.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                problems.add("payload", "payload must be pairs of hex digits (e.g. 0a1b2c) with payloadEncoding HEX");
            } else if (payload.length() / 2 > MAX_PAYLOAD_BYTES) {
                problems.add("payload", "payload must be at most " + MAX_PAYLOAD_BYTES + " bytes");
            }
        } else if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            problems.add("payload", "payload must be at most " + MAX_PAYLOAD_BYTES + " bytes (UTF-8)");
        } else {
            // Tabs and line breaks are allowed: text protocols end their requests with them.
            problems.checkText("payload", payload, MAX_PAYLOAD_BYTES, true);
        }
        Integer port = request.port();
        if (port == null || port < 1 || port > 65535) {
            problems.add("port", port == null ? "port is required (1 to 65535)" : "port must be between 1 and 65535");
        }
        return new UdpCheck(HostRules.connectableHost(problems, "host", request.host()), port == null ? 0 : port,
                payload, encoding, AssertionRules.check(problems, request.assertions(),
                EnumSet.of(AssertionSource.BODY, AssertionSource.RESPONSE_TIME_MS), "UDP"));
    }

    private static DomainCheck domain(FieldProblems problems, MonitorRequest request) {
        String domain = HostRules.dnsName(problems, "host", request.host());
        if (domain != null && domain.replaceAll("\\.$", "").indexOf('.') < 0) {
            problems.add("host", "host must be a registered domain such as example.com, not a top-level domain");
        }
        int days = request.minDaysValid() == null ? DEFAULT_DOMAIN_DAYS : request.minDaysValid();
        if (days < 0 || days > CheckRules.MAX_MIN_DAYS_VALID) {
            problems.add("minDaysValid", "minDaysValid must be between 0 and " + CheckRules.MAX_MIN_DAYS_VALID
                    + " days");
        }
        return new DomainCheck(domain == null ? null : domain.toLowerCase(Locale.ROOT), days);
    }

    private static CheckSpec mail(FieldProblems problems, MonitorType type, MonitorRequest request) {
        Integer port = request.port();
        MailTls tls = tls(problems, request.tlsMode(), port, type);
        int resolvedPort = port == null ? defaultPort(type, tls) : port;
        if (resolvedPort < 1 || resolvedPort > 65535) {
            problems.add("port", "port must be between 1 and 65535");
        }
        if (tls == MailTls.NONE && request.minDaysValid() != null) {
            problems.add("minDaysValid", "minDaysValid needs TLS: set tlsMode to STARTTLS or IMPLICIT");
        }
        int days = request.minDaysValid() == null ? CheckRules.DEFAULT_MIN_DAYS_VALID : request.minDaysValid();
        if (days < 0 || days > CheckRules.MAX_MIN_DAYS_VALID) {
            problems.add("minDaysValid", "minDaysValid must be between 0 and " + CheckRules.MAX_MIN_DAYS_VALID
                    + " days");
        }
        String host = HostRules.connectableHost(problems, "host", request.host());
        return switch (type) {
            case SMTP -> new SmtpCheck(host, resolvedPort, tls, days);
            case IMAP -> new ImapCheck(host, resolvedPort, tls, days);
            default -> new Pop3Check(host, resolvedPort, tls, days);
        };
    }

    /** The given mode; else IMPLICIT on the protocol's implicit-TLS port, STARTTLS on any other. */
    private static MailTls tls(FieldProblems problems, String given, Integer port, MonitorType type) {
        if (given == null || given.isBlank()) {
            return port != null && port == defaultPort(type, MailTls.IMPLICIT) ? MailTls.IMPLICIT : MailTls.STARTTLS;
        }
        String name = given.strip().toUpperCase(Locale.ROOT);
        for (MailTls mode : MailTls.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        problems.add("tlsMode", "tlsMode must be one of " + Arrays.toString(MailTls.values()));
        return MailTls.NONE;
    }

    static int defaultPort(MonitorType type, MailTls tls) {
        boolean implicit = tls == MailTls.IMPLICIT;
        return switch (type) {
            case SMTP -> implicit ? 465 : 25;
            case IMAP -> implicit ? 993 : 143;
            default -> implicit ? 995 : 110;
        };
    }
}
