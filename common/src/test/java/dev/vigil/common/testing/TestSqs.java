package dev.vigil.common.testing;

import dev.vigil.common.sqs.SqsClients;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.common.sqs.embedded.EmbeddedSqsServer;
import java.net.URI;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** An embedded ElasticMQ for tests: {@link #shared()} for the JVM, or {@link #start()} for one test's own. */
public final class TestSqs implements AutoCloseable {

    private static TestSqs shared;

    private final EmbeddedSqsServer server;

    private TestSqs(EmbeddedSqsServer server) {
        this.server = server;
    }

    public static synchronized TestSqs shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-test-sqs"));
        }
        return shared;
    }

    public static TestSqs start() {
        return new TestSqs(EmbeddedSqsServer.start(0));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Client settings for this server, with a short long-poll so tests do not wait on idle queues. */
    public SqsProperties properties(String queuePrefix) {
        return new SqsProperties(endpoint(), "us-east-1", null, null, queuePrefix, true, Duration.ofSeconds(1), 50);
    }

    public SqsAsyncClient client() {
        return SqsClients.create(properties(""));
    }

    /** Points a service at this server, with its own queue prefix so tests sharing the server do not mix. */
    public void registerIn(DynamicPropertyRegistry registry, String queuePrefix) {
        registry.add("vigil.sqs.endpoint", () -> endpoint().toString());
        registry.add("vigil.sqs.queue-prefix", () -> queuePrefix);
        registry.add("vigil.sqs.wait-time", () -> "1s");
    }

    @Override
    public void close() {
        server.close();
    }
}
