package dev.vigil.common.check;

/**
 * A call of the standard gRPC health checking protocol ({@code grpc.health.v1.Health/Check}) on {@code host:port}: up
 * when the server answers SERVING for {@code service} (the server as a whole when it is empty).
 *
 * @param host    host name or IP address
 * @param port    the server's port
 * @param service the service name to ask about; empty or null for the whole server
 * @param tls     whether to speak TLS (the certificate verified for the host) rather than plaintext HTTP/2
 */
public record GrpcCheck(String host, int port, String service, boolean tls) implements CheckSpec {

    public GrpcCheck {
        service = service == null ? "" : service;
    }

    @Override
    public MonitorType type() {
        return MonitorType.GRPC;
    }

    @Override
    public String target() {
        return host + ":" + port + (service.isEmpty() ? "" : "/" + service);
    }
}
