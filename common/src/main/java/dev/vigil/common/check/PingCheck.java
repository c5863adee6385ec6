package dev.vigil.common.check;

/**
 * ICMP echo requests to {@code host}: up when at most {@code maxPacketLossPercent} of the {@code packetCount} packets
 * went unanswered (and at least one was answered); the latency is the average round trip.
 *
 * @param host                 host name or IP literal
 * @param packetCount          echo requests sent, 1 to 10
 * @param maxPacketLossPercent the loss, in percent, still counted as up (0 to 99)
 */
public record PingCheck(String host, int packetCount, int maxPacketLossPercent) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.PING;
    }

    @Override
    public String target() {
        return host;
    }
}
