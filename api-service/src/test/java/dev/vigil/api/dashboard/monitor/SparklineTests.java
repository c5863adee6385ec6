package dev.vigil.api.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparklineTests {

    @Test
    void aPointIsWrittenAsTheFormatterWroteIt() {
        SplittableRandom random = new SplittableRandom(21);
        List<Double> values = new ArrayList<>(List.of(0.0, 0.05, 0.15, 0.25, 0.35, 1.05, 2.45, 2.449999, 25.95,
                119.95, 120.0, 26.0, 2.0));
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble(0, 121));
        }
        // Every hundredth up to the width: half of them lie on a half of a tenth, where rounding is decided by the
        // shortest decimal, not the binary value.
        for (int k = 0; k <= 12_100; k++) {
            values.add(k / 100.0);
        }
        for (int i = 0; i < 20_000; i++) {
            long slowest = 1 + random.nextLong(10_000);
            values.add(Sparkline.HEIGHT - 2 - (Sparkline.HEIGHT - 4) * ((double) random.nextLong(slowest + 1) / slowest));
        }
        // The x and y positions the line's points take: steps of 120 / (n - 1) and 26 - 24 * latency / slowest.
        for (int n = 2; n <= 50; n++) {
            for (int i = 0; i < n; i++) {
                values.add(i * (Sparkline.WIDTH / (n - 1)));
            }
            for (int latency = 0; latency <= n; latency++) {
                values.add(Sparkline.HEIGHT - 2 - (Sparkline.HEIGHT - 4) * ((double) latency / n));
            }
        }

        for (double value : values) {
            assertThat(Sparkline.oneDecimal(new StringBuilder(), value).toString()).as("%s", value)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
    }

    @Test
    void passedChecksDrawTheLineAndFailedOnesADotOnTheBaseline() {
        // Newest first, as queried: the line runs oldest (left) to newest (right).
        Sparkline line = Sparkline.of(List.of(new Sparkline.Sample(100, true), new Sparkline.Sample(0, false),
                new Sparkline.Sample(50, true)));

        assertThat(line.points()).isEqualTo("0.0,14.0 120.0,2.0");
        assertThat(line.failures()).containsExactly(60.0);
        assertThat(line.summary()).isEqualTo("3 recent checks, 1 failed, slowest 100 ms");
        assertThat(Sparkline.of(List.of()).points()).isEmpty();
    }
}
