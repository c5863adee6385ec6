package dev.vigil.probe.check;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;

/** Runs the checks of one monitor type. Implementations must honour the job's timeout and never throw for a target's
 * failure: that is an outcome. */
public interface CheckExecutor {

    MonitorType type();

    CheckOutcome execute(CheckJob job);
}
