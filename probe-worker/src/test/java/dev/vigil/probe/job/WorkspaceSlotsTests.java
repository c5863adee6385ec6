package dev.vigil.probe.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
}
