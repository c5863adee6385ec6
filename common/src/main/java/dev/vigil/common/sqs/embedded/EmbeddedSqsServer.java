package dev.vigil.common.sqs.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, the SQS-protocol server, running inside this JVM on a loopback port: the queue server of local mode and
 * of the tests. Needs {@code org.elasticmq:elasticmq-rest-sqs_2.13} on the classpath (an optional dependency of
 * common, declared by the local stack and by test scopes).
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    /**
     * Headers are kept as sent instead of parsed into Pekko's models. The AWS SDK's {@code Authorization} (SigV4) and
     * a few other headers do not fit those models: each request's failed parse threw half a dozen exceptions with
     * their stack traces (parboiled's error tracing), some 1,600 a second in the local stack at 500 checks a second.
     * ElasticMQ reads the headers it needs by name, which raw headers answer.
     */
    private static final String RAW_HEADERS = "pekko.http.server.parsing.modeled-header-parsing = off";

    private final SQSRestServer server;
    private final ActorSystem actors;
    private final URI endpoint;

    private EmbeddedSqsServer(SQSRestServer server, ActorSystem actors, int port) {
        this.server = server;
        this.actors = actors;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts on {@code port} of 127.0.0.1; 0 picks a free port. */
    public static EmbeddedSqsServer start(int port) {
        ClassLoader loader = EmbeddedSqsServer.class.getClassLoader();
        // ElasticMQ's own application.conf (timeouts, message size) comes in through load(), under our setting.
        Config config = ConfigFactory.parseString(RAW_HEADERS).withFallback(ConfigFactory.load(loader));
        ActorSystem actors = ActorSystem.create("elasticmq", config, loader);
        try {
            SQSRestServer server = (port == 0 ? SQSRestServerBuilder.withDynamicPort()
                    : SQSRestServerBuilder.withPort(port))
                    .withActorSystem(actors)
                    .withInterface("127.0.0.1")
                    .start();
            InetSocketAddress bound = (InetSocketAddress) server.waitUntilStarted().localAddress();
            return new EmbeddedSqsServer(server, actors, bound.getPort());
        } catch (RuntimeException e) {
            actors.terminate();
            throw e;
        }
    }

    /** The endpoint to give the SQS client ({@code vigil.sqs.endpoint}). */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
        // ElasticMQ stops only an actor system it made itself.
        actors.terminate();
        try {
            scala.concurrent.Await.result(actors.whenTerminated(), scala.concurrent.duration.Duration.apply(30, "s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            // The JVM exits anyway; a test moves on with the system's threads winding down.
        }
    }
}
