package dev.vigil.probe.check;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;

/**
 * A {@link CheckExecutor} of one built-in type: hands its {@link #run} the job's check already as its record and a
 * started {@link Stopwatch}, so an executor holds only what its check does.
 *
 * @param <C> the check record of the type
 */
public abstract class TypedCheckExecutor<C extends CheckSpec> implements CheckExecutor {

    private final MonitorType type;
    private final Class<C> checks;

    protected TypedCheckExecutor(MonitorType type, Class<C> checks) {
        this.type = type;
        this.checks = checks;
    }

    @Override
    public final MonitorType type() {
        return type;
    }

    @Override
    public final CheckOutcome execute(CheckJob job) {
        return run(job, checks.cast(job.check()), Stopwatch.start());
    }

    /** Runs {@code check} within the job's timeout; a failure of the target is an outcome, never an exception. */
    protected abstract CheckOutcome run(CheckJob job, C check, Stopwatch stopwatch);
}
