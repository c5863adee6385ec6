package dev.vigil.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.testing.TestSqs;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS health indicator against an ElasticMQ of its own, which the test stops. */
class SqsHealthIndicatorIT {

    @Test
    void upWhileSqsAnswersDownSoonAfterItStopsAndCachedInBetween() {
        TestSqs server = TestSqs.start();
        try (SqsAsyncClient sqs = SqsClients.create(server.properties("health-"))) {
            // A service's client is warm (it looked its queues up at start-up); a cold first call may take longer
            // than the timeout on a busy machine.
            sqs.listQueues().join();
            SqsHealthIndicator fresh = new SqsHealthIndicator(sqs, "health-", Duration.ofSeconds(2), Duration.ZERO,
                    Clock.systemUTC());
            SqsHealthIndicator cached = new SqsHealthIndicator(sqs, "health-", Duration.ofSeconds(2),
                    Duration.ofHours(1), Clock.systemUTC());
            assertThat(fresh.health().getStatus()).isEqualTo(Status.UP);
            assertThat(cached.health().getStatus()).isEqualTo(Status.UP);

            server.close();
            long started = System.nanoTime();
            Health down = fresh.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsKey("error");
            assertThat(took).as("bounded by the call timeout, not the SDK's retries").isLessThan(Duration.ofSeconds(6));
            assertThat(cached.health().getStatus()).as("answered from the cache").isEqualTo(Status.UP);
        }
    }
}
