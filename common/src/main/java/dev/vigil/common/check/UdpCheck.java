package dev.vigil.common.check;

import java.util.List;

/**
 * One UDP datagram to {@code host:port} and the reply it must get: up when a reply arrives within the timeout and
 * every assertion on it ({@link AssertionSource#BODY} is the reply, {@link AssertionSource#RESPONSE_TIME_MS} the
 * round trip) holds.
 *
 * @param host            host name or IP literal
 * @param port            1 to 65535
 * @param payload         what is sent: text (UTF-8), or hex digits when {@code payloadEncoding} is {@code HEX}
 * @param payloadEncoding how {@code payload} is written and how the reply is shown to assertions: {@code TEXT} (the
 *                        reply decoded as UTF-8) or {@code HEX} (the reply as lower-case hex digits)
 * @param assertions      conditions on the reply; with none, any reply passes
 */
public record UdpCheck(String host, int port, String payload, String payloadEncoding, List<Assertion> assertions)
        implements CheckSpec {

    public static final String TEXT = "TEXT";
    public static final String HEX = "HEX";

    public UdpCheck {
        payload = payload == null ? "" : payload;
        payloadEncoding = payloadEncoding == null ? TEXT : payloadEncoding;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    @Override
    public MonitorType type() {
        return MonitorType.UDP;
    }

    @Override
    public String target() {
        return "udp " + host + ":" + port;
    }
}
