package dev.vigil.alerting.storage;

import dev.vigil.common.message.CheckArtifacts;
import dev.vigil.common.message.ChecksSkipped;
import dev.vigil.common.sqs.MessagePublisher;
import dev.vigil.common.queue.QueueNames;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * What a probe sends after a failed browser check (the failing step's screenshot and the page's HTML), sent on the
 * results queue as the probe sends it: the input of the screenshot stores' tests, PostgreSQL and S3 alike.
 */
final class ArtifactMessages {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7, 7};

    private final MessagePublisher publisher;
    private final QueueNames names;

    ArtifactMessages(MessagePublisher publisher, QueueNames names) {
        this.publisher = publisher;
        this.names = names;
    }

    /** A sign-in journey that failed at its fourth step, run at {@code at}, as told for {@code monitor}. */
    static CheckArtifacts failedRun(UUID workspace, UUID monitor, Instant at) {
        return new CheckArtifacts(UUID.randomUUID(), monitor, workspace, "local-a", at, 4,
                Base64.getEncoder().encodeToString(PNG), "<html><body>Login failed</body></html>");
    }

    void send(CheckArtifacts message) {
        publisher.publish(names.results(), message, Map.of(ChecksSkipped.MESSAGE_KIND_ATTRIBUTE,
                CheckArtifacts.MESSAGE_KIND)).join();
    }
}
