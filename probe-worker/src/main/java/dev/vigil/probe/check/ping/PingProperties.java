package dev.vigil.probe.check.ping;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.probe.ping.*}: how this probe sends ICMP echo requests.
 *
 * @param command the iputils {@code ping} executable (Debian's {@code iputils-ping}, which may send ICMP without root
 *                through its {@code cap_net_raw} capability or the kernel's ping sockets)
 */
@ConfigurationProperties("vigil.probe.ping")
public record PingProperties(@DefaultValue("/usr/bin/ping") Path command) {

    public PingProperties {
        if (command == null || !command.isAbsolute()) {
            throw new IllegalArgumentException("vigil.probe.ping.command must be an absolute path (no PATH lookup)");
        }
    }

    public static PingProperties defaults() {
        return new PingProperties(Path.of("/usr/bin/ping"));
    }
}
