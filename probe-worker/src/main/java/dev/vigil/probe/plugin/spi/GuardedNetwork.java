package dev.vigil.probe.plugin.spi;

import dev.vigil.common.net.TargetGuard;
import dev.vigil.plugin.Network;
import dev.vigil.probe.net.Connector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** The plugin API's network access, through the worker's target guard. */
final class GuardedNetwork implements Network {

    private final Connector connector;
    private final TargetGuard guard;

    GuardedNetwork(Connector connector) {
        this.connector = connector;
        this.guard = connector.guard();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return guard.resolve(host);
    }

    @Override
    public Socket connect(String host, int port, Duration timeout) throws IOException {
        return connector.connect(host, port, timeout).socket();
    }
}
