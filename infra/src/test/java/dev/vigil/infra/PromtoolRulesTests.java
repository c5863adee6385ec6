package dev.vigil.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass {@code promtool check rules} and their unit tests ({@code vigil-rules-test.yml}: which alert
 * fires, with which labels and summary, for given series). Needs Debian's {@code prometheus} package, which
 * {@code .ci/run} installs; skipped where promtool is missing.
 */
class PromtoolRulesTests {

    @Test
    void theRulesAreValidAndFireAsTheirUnitTestsExpect() throws Exception {
        assumeTrue(new File("/usr/bin/promtool").canExecute() || onPath("promtool"), "promtool is not installed");
        Process check = new ProcessBuilder("sh", "observability/check").redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("rules found").contains("SUCCESS").doesNotContain("FAILED");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
