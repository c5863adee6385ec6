package dev.vigil.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.testing.TestSqs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Items published close together travel as few SQS messages, each a JSON array, and every item arrives once. */
class PackingPublisherIT {

    private final SqsAsyncClient sqs = TestSqs.shared().client();
    private final QueueDirectory queues = new QueueDirectory(sqs);
    private final String queue = "pack-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        sqs.close();
    }

    @Test
    void itemsPublishedTogetherArePackedIntoFewMessagesAndEachArrivesOnce() {
        queues.provision(new QueueSpec(queue, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        // A delay far longer than the loop below takes: the 60 items go out together, as three messages.
        try (PackingPublisher<String> publisher = new PackingPublisher<>(sqs, queues, queue, 25,
                Duration.ofSeconds(2))) {
            for (int i = 0; i < 60; i++) {
                sent.add(publisher.publish("item-" + i));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        }

        List<String> bodies = receiveAll();
        assertThat(bodies).as("messages: 60 items, at most 25 to a message").hasSize(3);
        List<String> items = bodies.stream().flatMap(b -> WireJson.readList(b, String.class).stream()).toList();
        assertThat(items).hasSize(60).doesNotHaveDuplicates().contains("item-0", "item-59");
    }

    @Test
    void anItemAloneGoesOutAfterTheDelay() {
        queues.provision(new QueueSpec(queue, Duration.ofSeconds(30), Duration.ofMinutes(5), 3));
        try (PackingPublisher<String> publisher = new PackingPublisher<>(sqs, queues, queue, 25,
                Duration.ofMillis(100))) {
            publisher.publish("lonely").join();
        }

        assertThat(receiveAll()).singleElement()
                .satisfies(body -> assertThat(WireJson.readList(body, String.class)).containsExactly("lonely"));
    }

    private List<String> receiveAll() {
        String url = queues.urlOf(queue);
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).join()
                    .messages();
            messages.forEach(m -> bodies.add(m.body()));
        } while (!messages.isEmpty());
        return bodies;
    }
}
