package dev.vigil.common.check;

import java.util.List;

/**
 * A DNS query for {@code host}'s records of {@code recordType} (A, AAAA, CNAME, MX, TXT, NS), optionally against a
 * chosen resolver ({@code ip} or {@code ip:port}), judged by {@link AssertionSource#DNS_ANSWER} assertions. With no
 * assertions the check passes when the answer is not empty.
 */
public record DnsCheck(String host, String recordType, String resolver, List<Assertion> assertions)
        implements CheckSpec {

    public DnsCheck {
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    @Override
    public MonitorType type() {
        return MonitorType.DNS;
    }

    @Override
    public String target() {
        return recordType + " " + host + (resolver == null ? "" : " @" + resolver);
    }
}
