package dev.vigil.alerting.evaluation;

import dev.vigil.common.message.CheckJob;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.sqs.MessagePublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Asks regions to confirm failures: CONFIRM jobs on each region's {@code <region>-confirm} queue, ten to a
 * {@code SendMessageBatch} call. The evaluator asks once per round (it sees every region's result of the round), so
 * a failure seen by all regions at once costs no confirmation at all, and one seen by one region costs one question
 * to each other region, where every failing probe used to ask every other region itself.
 */
@Component
class ConfirmationAsker {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationAsker.class);
    private static final Duration SEND_WAIT = Duration.ofSeconds(10);

    private final MessagePublisher publisher;
    private final QueueNames names;
    private final ConfirmationVariables variables;
    private final Counter asked;

    ConfirmationAsker(MessagePublisher publisher, QueueNames names, ConfirmationVariables variables,
                      MeterRegistry meters) {
        this.publisher = publisher;
        this.names = names;
        this.variables = variables;
        this.asked = Counter.builder("vigil.evaluation.confirmations.asked")
                .description("CONFIRM jobs sent to regions, once per round and region").register(meters);
    }

    /**
     * Sends the jobs; answers the ids of those that did not reach their queue, to be asked again at the next
     * evaluation. A region without a confirm queue cannot confirm: its jobs count as asked (the round's window then
     * decides), with a warning.
     */
    Set<UUID> ask(List<CheckJob> jobs) {
        if (jobs.isEmpty()) {
            return Set.of();
        }
        Map<String, List<CheckJob>> byRegion = new LinkedHashMap<>();
        variables.attach(jobs).forEach(job -> byRegion.computeIfAbsent(job.region(), r -> new ArrayList<>()).add(job));
        Set<UUID> notSent = new HashSet<>();
        List<CompletableFuture<List<CheckJob>>> calls = new ArrayList<>();
        byRegion.forEach((region, regionJobs) -> {
            try {
                calls.add(publisher.publishAll(names.confirm(region), regionJobs));
            } catch (CompletionException e) {
                if (e.getCause() instanceof QueueDoesNotExistException) {
                    log.warn("no confirm queue for region={}: that region cannot confirm jobs={}", region,
                            regionJobs.size());
                } else {
                    log.warn("asking region={} to confirm failed: {}", region, e.toString());
                    regionJobs.forEach(job -> notSent.add(job.jobId()));
                }
            }
        });
        for (CompletableFuture<List<CheckJob>> call : calls) {
            try {
                call.get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS).forEach(job -> notSent.add(job.jobId()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("asking for confirmations did not complete: {}", e.toString());
                jobs.forEach(job -> notSent.add(job.jobId()));
            }
        }
        asked.increment(jobs.size() - notSent.size());
        return notSent;
    }
}
