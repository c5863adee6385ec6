package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkspaceSlotsTests {

    private final WorkspaceSlots slots = new WorkspaceSlots(2);
    private final UUID noisy = UUID.randomUUID();
    private final UUID quiet = UUID.randomUUID();

    @Test
    void aWorkspaceAtItsCapWaitsWhileAnotherProceeds() throws Exception {
        slots.acquire(noisy);
        slots.acquire(noisy);
        CountDownLatch third = new CountDownLatch(1);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(noisy);
                third.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(third.await(200, TimeUnit.MILLISECONDS)).isFalse();
        slots.acquire(quiet);
        slots.release(quiet);
        slots.release(noisy);
        assertThat(third.await(2, TimeUnit.SECONDS)).isTrue();
        waiting.join(Duration.ofSeconds(1));
    }

    @Test
    void idleWorkspacesLeaveNothingBehind() throws Exception {
        slots.acquire(noisy);
        slots.acquire(quiet);
        assertThat(slots.workspaces()).isEqualTo(2);

        slots.release(noisy);
        slots.release(quiet);

        assertThat(slots.workspaces()).isZero();
    }

    @Test
    void anInterruptedWaitGivesItsPlaceBack() throws Exception {
        slots.acquire(noisy);
        slots.acquire(noisy);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(noisy);
            } catch (InterruptedException e) {
                // expected
            }
        });
        Thread.sleep(50);
        waiting.interrupt();
        waiting.join(Duration.ofSeconds(1));
        slots.release(noisy);
        slots.release(noisy);

        assertThat(slots.workspaces()).isZero();
    }

    @Test
    void waitingJobsGetPermitsInTheOrderTheyCame() throws Exception {
        slots.acquire(noisy);
        slots.acquire(noisy);
        ConcurrentLinkedQueue<Integer> served = new ConcurrentLinkedQueue<>();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int order = i;
            waiting.add(Thread.ofVirtual().start(() -> {
                try {
                    slots.acquire(noisy);
                    served.add(order);
                    slots.release(noisy);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            waitUntilWaiting(i + 1);
        }

        slots.release(noisy);
        for (Thread thread : waiting) {
            thread.join(Duration.ofSeconds(5));
        }
        slots.release(noisy);

        assertThat(served).containsExactly(0, 1, 2, 3, 4);
        assertThat(slots.workspaces()).isZero();
    }

    @Test
    void aBacklogThatGivesUpLeavesNoTraceAndTakesNoPermit() throws Exception {
        slots.acquire(noisy);
        slots.acquire(noisy);
        AtomicInteger gotOne = new AtomicInteger();
        List<Thread> backlog = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            backlog.add(Thread.ofVirtual().start(() -> {
                try {
                    if (slots.tryAcquire(noisy, Duration.ofMillis(50))) {
                        gotOne.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : backlog) {
            thread.join(Duration.ofSeconds(30));
        }

        assertThat(gotOne).hasValue(0);
        slots.release(noisy);
        assertThat(slots.tryAcquire(noisy, Duration.ZERO)).isTrue();
        slots.release(noisy);
        slots.release(noisy);
        assertThat(slots.workspaces()).isZero();
    }

    @Test
    void aPermitGivenBackWhileOthersGaveUpGoesToTheOneStillWaiting() throws Exception {
        slots.acquire(noisy);
        slots.acquire(noisy);
        assertThat(slots.tryAcquire(noisy, Duration.ofMillis(20))).isFalse();
        CountDownLatch served = new CountDownLatch(1);
        Thread patient = Thread.ofVirtual().start(() -> {
            try {
                if (slots.tryAcquire(noisy, Duration.ofSeconds(30))) {
                    served.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waitUntilWaiting(1);

        slots.release(noisy);

        assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
        patient.join(Duration.ofSeconds(1));
        slots.release(noisy);
        slots.release(noisy);
        assertThat(slots.workspaces()).isZero();
    }

    /** Until {@code count} turns of the noisy workspace are queued (a waiting thread is parked in its turn). */
    private void waitUntilWaiting(int count) throws InterruptedException {
        for (int i = 0; i < 500 && slots.waiting(noisy) < count; i++) {
            Thread.sleep(5);
        }
        assertThat(slots.waiting(noisy)).isEqualTo(count);
    }
}
