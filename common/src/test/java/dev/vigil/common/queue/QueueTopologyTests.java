package dev.vigil.common.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueTopologyTests {

    @ParameterizedTest
    @CsvSource({"5,S30", "30,S30", "45,S30", "60,M1", "120,M1", "300,M5", "599,M5", "600,M10", "1800,M30",
            "3600,H1", "86400,H1"})
    void intervalsGoToTheLongestBucketNotLongerThanThem(int seconds, FrequencyBucket expected) {
        assertThat(FrequencyBucket.forIntervalSeconds(seconds)).isEqualTo(expected);
    }

    @Test
    void retentionIsTwiceTheIntervalButAtLeastTheSqsMinimum() {
        assertThat(FrequencyBucket.S30.retention()).isEqualTo(Duration.ofMinutes(1));
        assertThat(FrequencyBucket.H1.retention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aRegionReadsConfirmationsFirstThenChecksFromTheFastestBucket() {
        List<String> names = QueueTopology.regionQueues(new QueueNames("prod-"), "eu-west-1").stream()
                .map(QueueSpec::name).toList();

        assertThat(names).containsExactly("prod-eu-west-1-confirm", "prod-eu-west-1-checks-30s",
                "prod-eu-west-1-checks-1m", "prod-eu-west-1-checks-5m", "prod-eu-west-1-checks-10m",
                "prod-eu-west-1-checks-30m", "prod-eu-west-1-checks-1h");
    }

    @Test
    void theDeploymentHasEveryRegionsQueuesOneResultsQueueAndOneHeartbeatQueue() {
        List<QueueSpec> all = QueueTopology.all(QueueNames.unprefixed(), List.of("a", "b"));

        assertThat(all).hasSize(2 * 7 + 2);
        assertThat(all).extracting(QueueSpec::name).containsOnlyOnce("results", "probe-heartbeats");
        assertThat(all).allSatisfy(spec -> assertThat(spec.deadLetterName()).isEqualTo(spec.name() + "-dlq"));
        assertThat(QueueTopology.results(QueueNames.unprefixed()).retention()).isEqualTo(Duration.ofDays(14));
    }
}
