package dev.vigil.infra;

import dev.vigil.common.queue.QueueSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Every queue of the deployment with its dead-letter queue, created from the same {@link QueueSpec}s the services
 * derive at run time (services start with {@code VIGIL_SQS_PROVISION_QUEUES=false} and only look the queues up).
 */
public final class QueueResources extends Construct {

    private final Map<String, Queue> queues = new LinkedHashMap<>();

    public QueueResources(Construct scope, String id, List<QueueSpec> specs) {
        super(scope, id);
        for (QueueSpec spec : specs) {
            Queue deadLetters = Queue.Builder.create(this, spec.deadLetterName())
                    .queueName(spec.deadLetterName())
                    .retentionPeriod(Duration.seconds(QueueSpec.DEAD_LETTER_RETENTION.toSeconds()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .build();
            Queue queue = Queue.Builder.create(this, spec.name())
                    .queueName(spec.name())
                    .visibilityTimeout(Duration.seconds(spec.visibilityTimeout().toSeconds()))
                    .retentionPeriod(Duration.seconds(spec.retention().toSeconds()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(spec.maxReceives())
                            .build())
                    .build();
            queues.put(spec.name(), queue);
            queues.put(spec.deadLetterName(), deadLetters);
        }
    }

    public Queue get(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + name);
        }
        return queue;
    }

    public Map<String, Queue> all() {
        return queues;
    }
}
