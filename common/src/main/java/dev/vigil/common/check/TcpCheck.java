package dev.vigil.common.check;

/** A TCP connect to {@code host:port}; up when the connection is accepted within the timeout. */
public record TcpCheck(String host, int port) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.TCP;
    }

    @Override
    public String target() {
        return host + ":" + port;
    }
}
