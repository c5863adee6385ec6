package dev.vigil.common.check;

/**
 * A heartbeat: the monitored job pings Vigil every {@code periodSeconds}; it is overdue after
 * {@code periodSeconds + graceSeconds} without a ping. Never probed.
 */
public record HeartbeatCheck(int periodSeconds, int graceSeconds) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.HEARTBEAT;
    }

    @Override
    public String target() {
        return "heartbeat every " + periodSeconds + "s";
    }
}
