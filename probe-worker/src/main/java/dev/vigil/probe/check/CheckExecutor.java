package dev.vigil.probe.check;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;

/**
 * Runs the checks of one monitor type. Implementations must honour the job's timeout and never throw for a target's
 * failure: that is an outcome. Adding a built-in type means: a record in {@code common}'s {@code check} package, an
 * executor here (one package per type, e.g. {@code check.tcp}), and the API's validation of the new record. Check
 * types added without a release are Java plugins ({@code dev.vigil.plugin.CheckExecutor}) run by the PLUGIN type.
 */
public interface CheckExecutor {

    MonitorType type();

    CheckOutcome execute(CheckJob job);

    /**
     * Whether this probe can run the type at all. A type that needs something the probe may lack (BROWSER: Chromium
     * and chromedriver) answers what it found at start-up; an executor that cannot run is not offered in heartbeats,
     * and its jobs are not run.
     */
    default boolean available() {
        return true;
    }
}
