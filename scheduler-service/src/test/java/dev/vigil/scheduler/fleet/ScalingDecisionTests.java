package dev.vigil.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingDecisionTests {

    private final EcsFleetProperties settings = new EcsFleetProperties(true, null, Map.of(), 100, 0.8, 0.3,
            Duration.ofMinutes(3), Duration.ofMinutes(2), Duration.ofMinutes(15));
    private final EcsFleetProperties.ProbeService service =
            new EcsFleetProperties.ProbeService("us-east-1", "vigil", "probe", 1, 4);

    @Test
    void aBacklogScalesOutToWhatWorksItOffWithinTheMaximum() {
        assertThat(ScalingDecision.desiredTasks(1, 250, 0.1, settings, service)).isEqualTo(3);
        assertThat(ScalingDecision.desiredTasks(1, 10_000, 0.1, settings, service)).isEqualTo(4);
    }

    @Test
    void busySlotsAddOneTask() {
        assertThat(ScalingDecision.desiredTasks(2, 0, 0.9, settings, service)).isEqualTo(3);
        assertThat(ScalingDecision.desiredTasks(4, 0, 0.9, settings, service)).isEqualTo(4);
    }

    @Test
    void emptyQueuesAndIdleSlotsRemoveOneTaskDownToTheMinimum() {
        assertThat(ScalingDecision.desiredTasks(3, 0, 0.1, settings, service)).isEqualTo(2);
        assertThat(ScalingDecision.desiredTasks(1, 0, 0.0, settings, service)).isEqualTo(1);
    }

    @Test
    void aSmallBacklogOrModerateLoadKeepsTheCount() {
        assertThat(ScalingDecision.desiredTasks(2, 150, 0.5, settings, service)).isEqualTo(2);
        assertThat(ScalingDecision.desiredTasks(2, 0, 0.5, settings, service)).isEqualTo(2);
    }
}
