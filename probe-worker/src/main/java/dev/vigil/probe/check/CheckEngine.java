package dev.vigil.probe.check;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs a job with the executor of its type; a probe bug becomes an INTERNAL outcome, never an escaped exception. */
@Component
public class CheckEngine {

    private static final Logger log = LoggerFactory.getLogger(CheckEngine.class);

    private final Map<MonitorType, CheckExecutor> executors = new EnumMap<>(MonitorType.class);

    public CheckEngine(List<CheckExecutor> executors) {
        for (CheckExecutor executor : executors) {
            if (executor.available()) {
                this.executors.put(executor.type(), executor);
            } else {
                log.warn("this probe does not offer {} checks: what they need is missing (see above)",
                        executor.type());
            }
        }
    }

    /** The monitor types this probe runs. */
    public Set<MonitorType> types() {
        return Set.copyOf(executors.keySet());
    }

    /** Whether this probe runs checks of {@code type}. */
    public boolean runs(MonitorType type) {
        return executors.containsKey(type);
    }

    public CheckOutcome run(CheckJob job) {
        CheckExecutor executor = executors.get(job.check().type());
        if (executor == null) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "this region cannot run " + job.check().type()
                    + " checks", 0);
        }
        long start = System.nanoTime();
        try {
            return executor.execute(job);
        } catch (RuntimeException | StackOverflowError e) {
            log.error("check executor failed job={} type={}", job.jobId(), job.check().type(), e);
            return CheckOutcome.failed(ErrorKind.INTERNAL, "probe error: " + e.getClass().getSimpleName(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
