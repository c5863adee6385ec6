package dev.vigil.scheduler.fleet;

/**
 * How many probe tasks a region should run: enough to work off its backlog at {@code backlogPerTask} messages a task,
 * one more when its check slots are busy, one fewer when its queues are empty and its slots mostly idle, always
 * within the service's bounds. Stepping down one task at a time keeps a short lull from emptying the region.
 */
final class ScalingDecision {

    private ScalingDecision() {
    }

    static int desiredTasks(int current, long backlog, double utilization, EcsFleetProperties settings,
                            EcsFleetProperties.ProbeService service) {
        int forBacklog = (int) Math.min(Integer.MAX_VALUE, (backlog + settings.backlogPerTask() - 1)
                / settings.backlogPerTask());
        int target = current;
        if (forBacklog > current) {
            target = forBacklog;
        } else if (utilization >= settings.busyUtilization()) {
            target = current + 1;
        } else if (backlog == 0 && utilization < settings.idleUtilization()) {
            target = current - 1;
        }
        return Math.max(service.minTasks(), Math.min(service.maxTasks(), target));
    }
}
