package dev.vigil.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.testing.TestSqs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueueConsumerIT {

    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final MessagePublisher publisher = new MessagePublisher(sqs, queues);
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private String queueName;
    private String queueUrl;

    @BeforeEach
    void createQueue() {
        queueName = "consumer-test-" + UUID.randomUUID();
        queueUrl = queues.provision(new QueueSpec(queueName, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(QueueConsumer::stop);
        sqs.close();
    }

    @Test
    void provisioningCreatesTheDeadLetterQueueAndRedrivePolicyIdempotently() {
        String again = queues.provision(new QueueSpec(queueName, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.ALL)).join().attributes();
        assertThat(again).isEqualTo(queueUrl);
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("30");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains(queueName + "-dlq")
                .contains("maxReceiveCount");
    }

    @Test
    void handledMessagesAreDeletedAndInFlightStaysBounded() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bodies.add("m" + i);
        }
        assertThat(publisher.publishAll(queueName, bodies).join()).isEmpty();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();

        start(List.of(queueUrl), MessageHandler.blocking(message -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            seen.add(text(message));
            running.decrementAndGet();
        }), 4);

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 40);
        assertThat(maxRunning.get()).isLessThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(visibleAndInFlight(queueUrl)).isZero());
    }

    @Test
    void aMessageIsDeletedOnlyWhenItsAsyncHandlerCompletes() throws Exception {
        publisher.publish(queueName, "later").join();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CountDownLatch received = new CountDownLatch(1);

        start(List.of(queueUrl), message -> {
            received.countDown();
            return done;
        }, 4);

        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
        sleep(300);
        assertThat(visibleAndInFlight(queueUrl)).isEqualTo(1);
        done.complete(null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(visibleAndInFlight(queueUrl)).isZero());
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDeadLetterQueueAfterThreeReceives() {
        publisher.publish(queueName, "poison").join();
        AtomicInteger attempts = new AtomicInteger();
        String dlqUrl = queues.urlOf(queueName + "-dlq");

        start(List.of(queueUrl), message -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("cannot handle"));
        }, 4, Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(visibleAndInFlight(dlqUrl)).isEqualTo(1));
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void stoppingReleasesUnfinishedMessagesAtOnceForAnotherConsumer() {
        publisher.publish(queueName, "slow").join();
        CountDownLatch started = new CountDownLatch(1);
        QueueConsumer first = new QueueConsumer(sqs, List.of(queueUrl), message -> {
            started.countDown();
            return new CompletableFuture<>(); // never finishes: a check stuck past the grace period
        }, ConsumerSettings.of("first", 4, Duration.ofSeconds(1)).withShutdownGrace(Duration.ofMillis(200)),
                new SimpleMeterRegistry(), Clock.systemUTC());
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

        long stopStarted = System.nanoTime();
        first.stop();
        List<String> takenOver = Collections.synchronizedList(new ArrayList<>());
        start(List.of(queueUrl), MessageHandler.blocking(message -> takenOver.add(text(message))), 4);

        // The queue's visibility timeout is 30 s; the second consumer gets the message long before that.
        await().atMost(Duration.ofSeconds(8)).until(() -> takenOver.contains("slow"));
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(15));
    }

    /** A Spring context stopped and started again (a paused test context, a restart) restarts its consumers. */
    @Test
    void aStoppedConsumerStartedAgainHandlesAndDeletesAsBefore() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        QueueConsumer consumer = new QueueConsumer(sqs, List.of(queueUrl),
                MessageHandler.blocking(message -> seen.add(text(message))),
                ConsumerSettings.of("restarted", 4, Duration.ofSeconds(1)).withShutdownGrace(Duration.ofSeconds(2)),
                new SimpleMeterRegistry(), Clock.systemUTC());
        consumers.add(consumer);
        consumer.start();
        publisher.publish(queueName, "before").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("before"));

        consumer.stop();
        assertThat(consumer.isRunning()).isFalse();
        publisher.publish(queueName, "while stopped").join();
        consumer.start();
        publisher.publish(queueName, "after").join();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(List.of("while stopped", "after")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(visibleAndInFlight(queueUrl)).isZero());
    }

    @Test
    void confirmationsAreReadBeforeChecksWhenTheConsumerIsFull() {
        String lowName = "consumer-low-" + UUID.randomUUID();
        String lowUrl = queues.provision(new QueueSpec(lowName, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        List<String> low = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            low.add("low" + i);
        }
        publisher.publishAll(lowName, low).join();
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());

        // Capacity 20: the low-priority queue may only fill 19 (5 % reserve), leaving room for the first queue.
        start(List.of(queueUrl, lowUrl), MessageHandler.blocking(message -> {
            order.add(text(message));
            awaitQuietly(release);
        }), 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() >= 19);
        publisher.publish(queueName, "urgent").join();

        await().atMost(Duration.ofSeconds(10)).until(() -> order.contains("urgent"));
        release.countDown();
    }

    private void start(List<String> urls, MessageHandler handler, int maxInFlight) {
        start(urls, handler, maxInFlight, Duration.ofSeconds(5));
    }

    private void start(List<String> urls, MessageHandler handler, int maxInFlight, Duration retryDelay) {
        QueueConsumer consumer = new QueueConsumer(sqs, urls, handler,
                ConsumerSettings.of("test", maxInFlight, Duration.ofSeconds(1)).withRetryDelay(retryDelay)
                        .withShutdownGrace(Duration.ofSeconds(2)),
                new SimpleMeterRegistry(), Clock.systemUTC());
        consumers.add(consumer);
        consumer.start();
    }

    private int visibleAndInFlight(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Publishers write JSON; these tests send plain strings. */
    private static String text(ReceivedMessage message) {
        return WireJson.read(message.body(), String.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
