package dev.vigil.common.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every queue a deployment with the given probe regions uses, with the attributes each is created with. */
public final class QueueTopology {

    /** Confirmations are only useful within the round, so they need not live long. */
    private static final Duration CONFIRM_VISIBILITY = Duration.ofSeconds(30);
    private static final Duration CONFIRM_RETENTION = Duration.ofMinutes(5);

    /** Results wait here while the database is down: keep them as long as SQS allows. */
    private static final Duration RESULTS_VISIBILITY = Duration.ofSeconds(60);
    private static final Duration RESULTS_RETENTION = Duration.ofDays(14);

    /** A heartbeat is news for a minute or two; an old one only says what a newer one says better. */
    private static final Duration HEARTBEAT_VISIBILITY = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT_RETENTION = Duration.ofHours(1);

    private QueueTopology() {
    }

    /** The confirm queue and the check queues of one region, in the order a probe reads them. */
    public static List<QueueSpec> regionQueues(QueueNames names, String region) {
        List<QueueSpec> specs = new ArrayList<>();
        specs.add(new QueueSpec(names.confirm(region), CONFIRM_VISIBILITY, CONFIRM_RETENTION,
                QueueSpec.DEFAULT_MAX_RECEIVES));
        for (FrequencyBucket bucket : FrequencyBucket.values()) {
            specs.add(new QueueSpec(names.checks(region, bucket), bucket.visibilityTimeout(), bucket.retention(),
                    QueueSpec.DEFAULT_MAX_RECEIVES));
        }
        return specs;
    }

    public static QueueSpec results(QueueNames names) {
        return new QueueSpec(names.results(), RESULTS_VISIBILITY, RESULTS_RETENTION, QueueSpec.DEFAULT_MAX_RECEIVES);
    }

    public static QueueSpec probeHeartbeats(QueueNames names) {
        return new QueueSpec(names.probeHeartbeats(), HEARTBEAT_VISIBILITY, HEARTBEAT_RETENTION,
                QueueSpec.DEFAULT_MAX_RECEIVES);
    }

    /** All queues of a deployment: every region's queues, the results queue and the probe heartbeat queue. */
    public static List<QueueSpec> all(QueueNames names, List<String> regions) {
        List<QueueSpec> specs = new ArrayList<>();
        for (String region : regions) {
            specs.addAll(regionQueues(names, region));
        }
        specs.add(results(names));
        specs.add(probeHeartbeats(names));
        return specs;
    }
}
