package dev.vigil.scheduler;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads (and deletes) every job arriving on a queue in the background, noting when each was received. */
public final class JobStream implements AutoCloseable {

    /** A job and when it was received. */
    public record Received(CheckJob job, Instant receivedAt) {
    }

    private final SqsAsyncClient sqs;
    private final String url;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    public JobStream(SqsAsyncClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
        this.thread = Thread.ofPlatform().daemon().name("job-stream").start(this::run);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).join().messages();
            if (messages.isEmpty()) {
                continue;
            }
            Instant now = Instant.now();
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                WireJson.readList(m.body(), CheckJob.class).forEach(job -> received.add(new Received(job, now)));
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(m.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(deletes)).join();
        }
    }
}
