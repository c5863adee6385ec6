package dev.vigil.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether the fixed ports of a local stack are free, checked before anything starts: a port held by another program
 * (often a previous Vigil still stopping) should stop the launcher with one clear line, not a stack trace from deep
 * inside the queue server and a process that never exits.
 */
final class LocalPorts {

    private LocalPorts() {
    }

    /** A sentence naming the first fixed port that cannot be bound, or null when all can. */
    static String firstInUse(LocalStackOptions options) {
        if (!free(options.sqsPort())) {
            return "port " + options.sqsPort() + " (SQS, VIGIL_SQS_PORT) is in use.";
        }
        if (!free(options.apiPort())) {
            return "port " + options.apiPort() + " (API, SERVER_PORT) is in use.";
        }
        return null;
    }

    private static boolean free(int port) {
        if (port == 0) {
            return true;
        }
        // The same bind the servers make: ElasticMQ on loopback, the API on every interface.
        try (ServerSocket loopback = new ServerSocket()) {
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        try (ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
