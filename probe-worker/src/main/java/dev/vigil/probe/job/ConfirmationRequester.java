package dev.vigil.probe.job;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.JobKind;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Asks the monitor's other regions to confirm a failure: one CONFIRM job (same round, deterministic job id) on each
 * other region's confirm queue. A region whose queue does not exist cannot confirm and is skipped with a warning;
 * any other failure to send fails the whole job, which SQS then redelivers (the confirmations are re-sent with the
 * same ids, which the alerting service stores once).
 */
final class ConfirmationRequester {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationRequester.class);

    private final MessagePublisher publisher;
    private final QueueNames names;

    ConfirmationRequester(MessagePublisher publisher, QueueNames names) {
        this.publisher = publisher;
        this.names = names;
    }

    /** Whether a failure of {@code job} calls for confirmations: scheduled rounds only, never a confirmation itself. */
    static boolean wanted(CheckJob job) {
        return job.kind() == JobKind.SCHEDULED && job.confirmations() > 0
                && !job.otherRegions().isEmpty();
    }

    /** Sends the confirmations; the answer completes when SQS has accepted all that could be sent. */
    List<CompletableFuture<Void>> request(CheckJob job, Instant now) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (String region : job.otherRegions()) {
            try {
                sent.add(publisher.publish(names.confirm(region), job.confirmationIn(region, now)));
            } catch (CompletionException e) {
                if (e.getCause() instanceof QueueDoesNotExistException) {
                    log.warn("no confirm queue for region={} monitor={}: that region cannot confirm", region,
                            job.monitorId());
                } else {
                    throw e;
                }
            }
        }
        return sent;
    }
}
