package dev.vigil.probe.job;

import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.probe.check.CheckOutcome;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a failed browser check's screenshot and HTML to the results queue, ahead of its result, as one
 * {@link CheckArtifacts} message (they are too large to pack with results). Losing them loses the picture, not the
 * result: a failed send is logged and the result goes out anyway.
 */
class ArtifactSender {

    private static final Logger log = LoggerFactory.getLogger(ArtifactSender.class);

    /** Sends nothing: for runners that never run browser checks (tests). */
    static final ArtifactSender NONE = new ArtifactSender(null, null, null);

    private final MessagePublisher publisher;
    private final String queueName;
    private final String region;

    ArtifactSender(MessagePublisher publisher, String queueName, String region) {
        this.publisher = publisher;
        this.queueName = queueName;
        this.region = region;
    }

    /** Sends the outcome's artifacts, if it has any; completes when SQS has them or the send failed. */
    CompletableFuture<Void> send(CheckJob job, CheckOutcome outcome) {
        CheckOutcome.Artifacts artifacts = outcome.artifacts();
        if (publisher == null || artifacts == null) {
            return CompletableFuture.completedFuture(null);
        }
        String png = artifacts.screenshotPng() == null ? null
                : Base64.getEncoder().encodeToString(artifacts.screenshotPng());
        if (png != null && png.length() > CheckArtifacts.MAX_SCREENSHOT_CHARS) {
            // The executor shrinks screenshots to fit; one still too large is dropped rather than failing the send.
            png = null;
        }
        String html = artifacts.html();
        if (html != null && html.length() > CheckArtifacts.MAX_HTML_CHARS) {
            html = html.substring(0, CheckArtifacts.MAX_HTML_CHARS);
        }
        Integer failedStep = outcome.synthetic() == null ? null : outcome.synthetic().failedStep();
        CheckArtifacts message = new CheckArtifacts(job.jobId(), job.monitorId(), job.workspaceId(), region,
                job.scheduledAt(), failedStep, png, html);
        return publisher.publish(queueName, message,
                        Map.of(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE, CheckArtifacts.MESSAGE_KIND))
                .exceptionally(failure -> {
                    log.warn("sending a browser check's screenshot failed job={} error={}", job.jobId(),
                            failure.toString());
                    return null;
                });
    }
}
