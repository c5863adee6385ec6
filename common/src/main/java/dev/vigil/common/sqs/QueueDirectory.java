package dev.vigil.common.sqs;

import dev.vigil.common.queue.QueueSpec;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Finds queue URLs by name (cached: a queue's URL never changes) and creates queues with their dead-letter queues.
 * Creation is idempotent: SQS returns the existing queue when the attributes match, and every service derives the
 * attributes from the same {@link dev.vigil.common.queue.QueueTopology}.
 */
public final class QueueDirectory {

    private static final Logger log = LoggerFactory.getLogger(QueueDirectory.class);

    private final SqsAsyncClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public QueueDirectory(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    /** The URL of an existing queue; fails when the queue does not exist. */
    public String urlOf(String queueName) {
        return urls.computeIfAbsent(queueName,
                name -> sqs.getQueueUrl(r -> r.queueName(name)).join().queueUrl());
    }

    /** Creates every queue (and dead-letter queue) that is missing. */
    public void provision(Collection<QueueSpec> specs) {
        for (QueueSpec spec : specs) {
            provision(spec);
        }
    }

    public String provision(QueueSpec spec) {
        try {
            String dlqUrl = sqs.createQueue(r -> r.queueName(spec.deadLetterName()).attributes(Map.of(
                            QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                            Long.toString(QueueSpec.DEAD_LETTER_RETENTION.toSeconds()))))
                    .join().queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .join().attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                    + spec.maxReceives() + "\"}";
            String url = sqs.createQueue(r -> r.queueName(spec.name()).attributes(Map.of(
                            QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(spec.visibilityTimeout().toSeconds()),
                            QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(spec.retention().toSeconds()),
                            QueueAttributeName.REDRIVE_POLICY, redrivePolicy)))
                    .join().queueUrl();
            urls.put(spec.name(), url);
            urls.put(spec.deadLetterName(), dlqUrl);
            log.debug("queue ready name={} url={}", spec.name(), url);
            return url;
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot create queue " + spec.name() + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
