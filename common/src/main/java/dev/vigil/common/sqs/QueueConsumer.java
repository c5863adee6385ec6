package dev.vigil.common.sqs;

import dev.vigil.common.tracing.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Long-polls a list of queues in priority order and hands each message to a {@link MessageHandler} on a virtual
 * thread.
 *
 * <ol>
 *   <li>One poller per queue long-polls it, so an idle consumer costs a few requests a minute and a message is picked
 *       up as soon as it arrives.</li>
 *   <li>At most about {@code maxInFlight} messages are handled at once (a poller asks for no more than the room left,
 *       so the bound can be passed only by what concurrent receives bring in together). Lower-priority queues stop
 *       receiving earlier as the consumer fills up, leaving room for the queues before them (confirmations before
 *       checks, 30-second checks before hourly ones).</li>
 *   <li>A message is deleted after its handler completes, and made visible again after a back-off when it fails.</li>
 *   <li>{@link #stop()} drains: no new receives, messages that arrive after the stop are given back at once, in-flight
 *       handlers get {@code shutdownGrace} to finish, and whatever is still unfinished is released with visibility 0
 *       so another consumer takes it at once instead of after the visibility timeout. Stopping takes at most the
 *       grace period or the long-poll wait, whichever is longer.</li>
 * </ol>
 */
public final class QueueConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

    /** Each lower priority keeps this share of {@code maxInFlight} free for the queues before it. */
    private static final double RESERVE_PER_PRIORITY = 0.05;

    private final SqsAsyncClient sqs;
    private final List<String> queueUrls;
    private final MessageHandler handler;
    private final ConsumerSettings settings;
    private final Clock clock;
    // Made anew by each start and closed by its stop: a Spring context that is stopped and started again (a paused
    // test context, a restart through the actuator) must find a consumer that works as on the first start.
    private volatile DeleteBatcher deletes;
    private volatile ExecutorService workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    private final Set<ReceivedMessage> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Thread> pollers = new ArrayList<>();
    private final Counter receivedCount;
    private final Counter handledCount;
    private final Counter retriedCount;
    private final Counter releasedCount;
    private final Counter receiveErrorCount;
    private volatile boolean running;
    /** Counts starts, so a poller of an earlier run that outlived its stop's wait ends instead of joining the new one. */
    private volatile int run;

    /**
     * @param queueUrls queues in priority order, first is read first
     */
    public QueueConsumer(SqsAsyncClient sqs, List<String> queueUrls, MessageHandler handler, ConsumerSettings settings,
                         MeterRegistry meters, Clock clock) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
        this.handler = handler;
        this.settings = settings;
        this.clock = clock;
        this.receivedCount = counter(meters, "received");
        this.handledCount = counter(meters, "handled");
        this.retriedCount = counter(meters, "retried");
        this.releasedCount = counter(meters, "released");
        this.receiveErrorCount = counter(meters, "receive_error");
        meters.gauge("vigil.queue.in.flight", List.of(Tag.of("consumer", settings.name())), inFlight, Set::size);
    }

    private Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("vigil.queue.messages").tag("consumer", settings.name()).tag("outcome", outcome)
                .description("Messages by what became of them").register(meters);
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            deletes = new DeleteBatcher(sqs, settings.name());
            workers = Executors.newVirtualThreadPerTaskExecutor();
            running = true;
            int thisRun = ++run;
            for (int priority = 0; priority < queueUrls.size(); priority++) {
                int p = priority;
                String url = queueUrls.get(priority);
                pollers.add(Thread.ofVirtual().name(settings.name() + "-poll-" + p)
                        .start(() -> pollLoop(thisRun, p, url)));
            }
        } finally {
            lock.unlock();
        }
        log.info("consumer started name={} queues={} maxInFlight={}", settings.name(), queueUrls.size(),
                settings.maxInFlight());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Messages received and not yet settled. */
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
        log.info("consumer draining name={} inFlight={}", settings.name(), inFlight.size());
        // 1. Give the handlers their grace period. Pollers still in a long poll give back at once whatever their
        //    receive brings, so they need not be waited for first.
        Instant deadline = clock.instant().plus(settings.shutdownGrace());
        lock.lock();
        try {
            while (!inFlight.isEmpty() && clock.instant().isBefore(deadline)) {
                roomFreed.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        // 2. Whatever is left goes back to the queue now rather than after its visibility timeout.
        int unfinished = inFlight.size();
        for (ReceivedMessage message : List.copyOf(inFlight)) {
            message.release();
        }
        // 3. Let the pollers finish their current long poll (at most the wait time), then send pending deletes.
        for (Thread poller : pollers) {
            joinQuietly(poller, settings.waitTime().plusSeconds(5));
        }
        pollers.clear();
        deletes.close();
        workers.shutdown();
        log.info("consumer stopped name={} releasedUnfinished={}", settings.name(), unfinished);
    }

    @Override
    public int getPhase() {
        // Stop consumers before the web server and the data source go away.
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void pollLoop(int thisRun, int priority, String url) {
        Duration backoff = Duration.ZERO;
        ExecutorService workers = this.workers;
        while (running && run == thisRun) {
            int room = awaitRoom(priority);
            if (room == 0) {
                continue;
            }
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(url)
                        .maxNumberOfMessages(Math.min(MessagePublisher.MAX_BATCH, room))
                        .waitTimeSeconds((int) settings.waitTime().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP)
                        .messageAttributeNames("All")
                        .build()).join().messages();
                backoff = Duration.ZERO;
            } catch (RuntimeException e) {
                receiveErrorCount.increment();
                backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), Duration.ofSeconds(10));
                // The first failure is news; the repeats while SQS stays unreachable are not.
                if (backoff.toMillis() <= 400) {
                    log.warn("receive failed consumer={} queue={} error={}", settings.name(), url, e.toString());
                } else {
                    log.debug("receive failed again consumer={} queue={} retryIn={}", settings.name(), url, backoff);
                }
                sleep(backoff);
                continue;
            }
            Instant now = clock.instant();
            for (Message message : messages) {
                ReceivedMessage receivedMessage = new ReceivedMessage(this, url, message, now);
                receivedCount.increment();
                if (!running || run != thisRun) {
                    receivedMessage.release();
                    continue;
                }
                inFlight.add(receivedMessage);
                workers.execute(() -> dispatch(receivedMessage));
            }
        }
    }

    /** Blocks until this priority may receive; answers how many messages it may take (0 when stopping). */
    private int awaitRoom(int priority) {
        int limit = limitFor(priority);
        lock.lock();
        try {
            while (running && inFlight.size() >= limit) {
                roomFreed.await(1, TimeUnit.SECONDS);
            }
            return running ? Math.max(limit - inFlight.size(), 0) : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    private int limitFor(int priority) {
        int reserve = (int) Math.floor(settings.maxInFlight() * RESERVE_PER_PRIORITY * priority);
        return Math.max(1, settings.maxInFlight() - reserve);
    }

    private void dispatch(ReceivedMessage message) {
        CompletionStage<Void> outcome;
        // The handler continues the publisher's trace (a new span of it), so its logs and what it publishes in turn
        // carry the same trace id.
        TraceContext trace = message.traceContext().map(TraceContext::child).orElseGet(TraceContext::newRoot);
        try (TraceContext.Scope scope = trace.open()) {
            outcome = handler.handle(message);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((ignored, failure) -> {
            if (failure == null) {
                acknowledge(message);
            } else {
                retryLater(message, failure);
            }
        });
    }

    private void acknowledge(ReceivedMessage message) {
        if (message.settle()) {
            deletes.delete(message.queueUrl(), message.receiptHandle());
            handledCount.increment();
            finished(message);
        }
    }

    private void retryLater(ReceivedMessage message, Throwable failure) {
        if (message.settle()) {
            // Back off with the number of attempts; after maxReceives SQS moves it to the dead-letter queue.
            Duration delay = min(settings.retryDelay().multipliedBy(1L << Math.min(message.receiveCount() - 1, 10)),
                    Duration.ofMinutes(15));
            log.debug("handler failed consumer={} queue={} receiveCount={} retryIn={} error={}", settings.name(),
                    message.queueName(), message.receiveCount(), delay, failure.toString());
            retriedCount.increment();
            changeVisibility(message, delay);
            finished(message);
        }
    }

    /** Called by {@link ReceivedMessage#release()}. */
    void released(ReceivedMessage message) {
        releasedCount.increment();
        changeVisibility(message, Duration.ZERO);
        finished(message);
    }

    void changeVisibility(ReceivedMessage message, Duration timeout) {
        sqs.changeMessageVisibility(r -> r.queueUrl(message.queueUrl()).receiptHandle(message.receiptHandle())
                        .visibilityTimeout((int) Math.min(timeout.toSeconds(), 43_200)))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        log.warn("visibility change failed queue={} error={}", message.queueName(), error.toString());
                    }
                });
    }

    private void finished(ReceivedMessage message) {
        lock.lock();
        try {
            inFlight.remove(message);
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
