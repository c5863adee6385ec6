package dev.vigil.scheduler.fleet;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.region.RegionProperties;
import dev.vigil.common.sqs.QueueDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The depth of every queue of the deployment and of its dead-letter queue, from {@code GetQueueAttributes}, as the
 * gauge {@code vigil.queue.depth{queue, kind=main|dead_letter, state=visible|in_flight|delayed}}. SQS reports no age
 * of the oldest message through its API (only to CloudWatch); the age a job waited is the probe's
 * {@code vigil.probe.queue.wait}.
 */
class QueueDepths {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    /** Messages in a queue, as SQS approximates them. */
    public record Depth(long visible, long inFlight, long delayed) {
        static final Depth UNKNOWN = new Depth(0, 0, 0);
    }

    private final SqsAsyncClient sqs;
    private final QueueDirectory queues;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Depth> depths = new ConcurrentHashMap<>();
    private final QueueNames queueNames;

    public QueueDepths(SqsAsyncClient sqs, QueueDirectory queues, QueueNames queueNames, RegionProperties regions,
                       MeterRegistry meters) {
        this.sqs = sqs;
        this.queues = queues;
        this.queueNames = queueNames;
        for (QueueSpec spec : QueueTopology.all(queueNames, regions.ids())) {
            register(meters, spec.name(), "main");
            register(meters, spec.deadLetterName(), "dead_letter");
        }
    }

    private void register(MeterRegistry meters, String queue, String kind) {
        names.add(queue);
        depths.put(queue, Depth.UNKNOWN);
        gauge(meters, queue, kind, "visible", d -> d.visible());
        gauge(meters, queue, kind, "in_flight", d -> d.inFlight());
        gauge(meters, queue, kind, "delayed", d -> d.delayed());
    }

    private void gauge(MeterRegistry meters, String queue, String kind, String state,
                       java.util.function.ToLongFunction<Depth> value) {
        // The name without the deployment prefix, so dashboards work for every deployment.
        String shortName = queue.startsWith(queueNames.prefix()) ? queue.substring(queueNames.prefix().length())
                : queue;
        Gauge.builder("vigil.queue.depth", depths, all -> value.applyAsLong(all.getOrDefault(queue, Depth.UNKNOWN)))
                .description("Messages in a queue, as SQS approximates them")
                .tag("queue", shortName).tag("kind", kind).tag("state", state).register(meters);
    }

    /** Reads every queue's attributes; a queue that cannot be read keeps its last value. */
    public void refresh() {
        for (String name : names) {
            try {
                String url = queues.urlOf(name);
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .get(10, TimeUnit.SECONDS).attributes();
                depths.put(name, new Depth(number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                        number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                        number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                log.debug("queue depth unavailable queue={} error={}", name, e.toString());
            }
        }
    }

    /** The last depth read of a queue (full name). */
    public Depth of(String queue) {
        return depths.getOrDefault(queue, Depth.UNKNOWN);
    }

    private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
