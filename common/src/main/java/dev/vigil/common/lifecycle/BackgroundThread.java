package dev.vigil.common.lifecycle;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A bean whose work is one background thread, started and stopped with the application context:
 * <ol>
 *   <li>{@link #start()} marks it running, calls {@link #beforeStart()} and starts {@link #run()} on a thread of the
 *       given builder; {@code run()} loops while {@link #isRunning()};</li>
 *   <li>{@link #stop()} marks it stopped, wakes the thread ({@link #wake()}: an interrupt unless the subclass has a
 *       gentler way), waits up to {@code stopWait} for it to end (not at all when zero), then calls
 *       {@link #afterStop()}.</li>
 * </ol>
 * Subclasses choose their phase ({@link #getPhase()}) as any {@link SmartLifecycle}.
 */
public abstract class BackgroundThread implements SmartLifecycle {

    private final Thread.Builder threads;
    private final Duration stopWait;
    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param threads  makes the thread, e.g. {@code Thread.ofPlatform().daemon().name("evaluation-loop")}
     * @param stopWait how long {@link #stop()} waits for {@link #run()} to return; zero not to wait
     */
    protected BackgroundThread(Thread.Builder threads, Duration stopWait) {
        this.threads = threads;
        this.stopWait = stopWait;
    }

    /** The thread's work: loop while {@link #isRunning()}. */
    protected abstract void run();

    /** Called by {@link #start()} before the thread starts. */
    protected void beforeStart() {
    }

    /** Called by {@link #stop()} to make {@link #run()} notice: interrupts the thread unless overridden. */
    protected void wake() {
        interrupt();
    }

    /** Called by {@link #stop()} once the thread ended or the wait ran out. */
    protected void afterStop() {
    }

    /** Interrupts the thread, if it was started. */
    protected final void interrupt() {
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        beforeStart();
        thread = threads.start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        Thread current = thread;
        if (current != null && stopWait.isPositive()) {
            try {
                current.join(stopWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        afterStop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
