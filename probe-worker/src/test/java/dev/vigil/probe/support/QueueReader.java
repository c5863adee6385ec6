package dev.vigil.probe.support;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.ChecksSkipped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads (and deletes) what a test's services put on a queue. */
public final class QueueReader {

    private final SqsAsyncClient sqs;

    public QueueReader(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    /**
     * Messages arriving on {@code queueUrl} until {@code expected} were read or {@code within} passed; a packed message
     * (a JSON array) counts as its items. On the results queue, skipped-check reports ({@link ChecksSkipped}, told
     * apart by their message attribute) are read only when asked for, and check results only otherwise.
     */
    public <T> List<T> read(String queueUrl, Class<T> type, int expected, Duration within) {
        List<T> read = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (read.size() < expected && System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(1)).join().messages();
            for (Message message : messages) {
                boolean report = message.messageAttributes().containsKey(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE);
                if (report != (type == ChecksSkipped.class)) {
                    continue;
                }
                read.addAll(WireJson.readList(message.body(), type));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())).join();
            }
        }
        return read;
    }
}
