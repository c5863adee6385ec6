package dev.vigil.common.sqs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Handles one received message. The message is deleted when the returned stage completes normally, and made visible
 * again after a back-off when it completes exceptionally; a handler may also {@link ReceivedMessage#release()} it
 * itself. Handlers run on virtual threads, so blocking is fine; handlers that batch (the result ingester) complete the
 * stage later, after their batch commits.
 */
@FunctionalInterface
public interface MessageHandler {

    CompletionStage<Void> handle(ReceivedMessage message);

    /** A handler that is done when {@code action} returns; a thrown exception means "retry later". */
    static MessageHandler blocking(Consumer<ReceivedMessage> action) {
        return message -> {
            action.accept(message);
            return CompletableFuture.completedFuture(null);
        };
    }
}
