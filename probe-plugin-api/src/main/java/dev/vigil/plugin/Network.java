package dev.vigil.plugin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Network access for plugins, with the probe's SSRF guard applied: names are resolved once and only addresses this
 * deployment permits are returned or connected to. A refused target raises an {@link UnknownHostException} whose
 * message says why.
 */
public interface Network {

    /** The permitted addresses of {@code host}. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** A TCP connection to a permitted address of {@code host}, made within {@code timeout}. */
    Socket connect(String host, int port, Duration timeout) throws IOException;
}
