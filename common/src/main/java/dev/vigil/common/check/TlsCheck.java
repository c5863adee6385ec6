package dev.vigil.common.check;

/**
 * A TLS handshake with {@code host:port}: fails when the certificate chain or hostname does not verify, or when the
 * certificate expires in fewer than {@code minDaysValid} days.
 */
public record TlsCheck(String host, int port, int minDaysValid) implements CheckSpec {

    @Override
    public MonitorType type() {
        return MonitorType.TLS;
    }

    @Override
    public String target() {
        return host + ":" + port;
    }
}
