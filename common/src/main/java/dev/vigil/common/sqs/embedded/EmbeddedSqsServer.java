package dev.vigil.common.sqs.embedded;

import java.net.InetSocketAddress;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, the SQS-protocol server, running inside this JVM on a loopback port: the queue server of local mode and
 * of the tests. Needs {@code org.elasticmq:elasticmq-rest-sqs_2.13} on the classpath (an optional dependency of
 * common, declared by the local stack and by test scopes).
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts on {@code port} of 127.0.0.1; 0 picks a free port. */
    public static EmbeddedSqsServer start(int port) {
        SQSRestServer server = (port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port))
                .withInterface("127.0.0.1")
                .start();
        InetSocketAddress bound = (InetSocketAddress) server.waitUntilStarted().localAddress();
        return new EmbeddedSqsServer(server, bound.getPort());
    }

    /** The endpoint to give the SQS client ({@code vigil.sqs.endpoint}). */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
