package dev.vigil.probe.job;

import java.time.Duration;

/** Waits between a failed check and its retry; injected so tests need not wait. */
@FunctionalInterface
interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration);

    void pause(Duration duration) throws InterruptedException;
}
