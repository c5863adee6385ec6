package dev.vigil.probe.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.BrowserCheck;
import dev.vigil.common.check.BrowserStep;
import dev.vigil.common.check.BrowserStep.Action;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.SyntheticRun;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.support.TestJobs;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BROWSER checks in Debian's real Chromium against a sign-in app on loopback (local mode: loopback allowed). */
class BrowserCheckIT {

    /** Generous: starting Chromium takes seconds, and far longer on a machine shared by many builds. */
    private static final int TIMEOUT_MS = 120_000;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private final BrowserCheckExecutor executor = new BrowserCheckExecutor(TestJobs.localGuard(),
            BrowserProperties.defaults());
    private LoginApp app;
    private Set<String> profilesBefore;

    @BeforeEach
    void start() throws Exception {
        app = new LoginApp();
        profilesBefore = profiles();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void signsInToTheAppAndPasses() {
        CheckOutcome outcome = executor.execute(TestJobs.job(signIn(), TIMEOUT_MS));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        SyntheticRun run = outcome.synthetic();
        assertThat(run.steps()).hasSize(signIn().steps().size()).allMatch(SyntheticRun.StepRun::ok);
        assertThat(run.steps().get(2).name()).isEqualTo("fill #password");
        assertThat(run.metrics().ttfbMs()).isNotNull().isPositive();
        assertThat(run.metrics().fcpMs()).isNotNull();
        // The last page's largest paint (its heading) and its layout shift (none, a static page): both measured.
        assertThat(run.metrics().lcpMs()).isNotNull().isPositive();
        assertThat(run.metrics().cls()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(run.artifacts()).isFalse();
        assertThat(outcome.artifacts()).isNull();
        // The login page's image at the metadata address was refused by the guard; loopback went through.
        assertThat(run.failedRequests()).anySatisfy(f -> assertThat(f).startsWith("169.254.169.254:80: refused"));
        assertThat(run.consoleErrors()).anySatisfy(e -> assertThat(e).contains("on purpose"));
        assertThat(String.join("", run.steps().stream().map(SyntheticRun.StepRun::name).toList()))
                .doesNotContain(LoginApp.PASSWORD);
        assertNoBrowserLeft();
    }

    @Test
    void aBrokenLoginFailsAtItsStepWithAScreenshotAndTheHtml() {
        app.breakLogin();
        CheckOutcome outcome = executor.execute(TestJobs.job(signIn(), TIMEOUT_MS));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.synthetic().failedStep()).isEqualTo(5);
        assertThat(outcome.message()).startsWith("step 6 (waitForUrl /dashboard): expected the URL to contain "
                + "\"/dashboard\" but was \"" + app.base() + "/login?failed\"");
        assertThat(outcome.synthetic().artifacts()).isTrue();
        assertThat(Arrays.copyOf(outcome.artifacts().screenshotPng(), 4)).isEqualTo(PNG_MAGIC);
        assertThat(outcome.artifacts().html()).contains("Login failed");
        assertNoBrowserLeft();
    }

    @Test
    void aMissingElementFailsItsAssertionWithinTheStepTimeout() {
        BrowserCheck check = new BrowserCheck(List.of(
                new BrowserStep(Action.GOTO, null, app.base() + "/login", null),
                new BrowserStep(Action.ASSERT_TEXT, "h1", "Welcome", 1500)));
        CheckOutcome outcome = executor.execute(TestJobs.job(check, TIMEOUT_MS));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("step 2 (assertText h1 \"Welcome\"): expected text of h1 to contain "
                + "\"Welcome\" but was \"Sign in\" within 1500 ms");
        // 1.5 s of waiting, plus reading what the page showed instead (this machine may be loaded).
        assertThat(outcome.synthetic().steps().get(1).durationMs()).isBetween(1500L, 10_000L);
    }

    @Test
    void aPageOnTheMetadataAddressIsRefused() {
        BrowserCheck check = new BrowserCheck(List.of(
                new BrowserStep(Action.GOTO, null, "http://169.254.169.254/latest/meta-data/", null)));
        CheckOutcome outcome = executor.execute(TestJobs.job(check, TIMEOUT_MS));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isEqualTo("step 1 (goto http://169.254.169.254/latest/meta-data/): the page "
                + "answered HTTP 403");
        assertThat(outcome.synthetic().failedRequests()).anySatisfy(f -> assertThat(f).contains("refused"));
        assertNoBrowserLeft();
    }

    private BrowserCheck signIn() {
        return new BrowserCheck(List.of(
                new BrowserStep(Action.GOTO, null, app.base() + "/login", null),
                new BrowserStep(Action.FILL, "#user", LoginApp.USER, null),
                new BrowserStep(Action.FILL, "#password", LoginApp.PASSWORD, null),
                new BrowserStep(Action.SELECT, "#region", "us", null),
                new BrowserStep(Action.CLICK, "#submit", null, null),
                new BrowserStep(Action.WAIT_FOR_URL, null, "/dashboard", 8000),
                new BrowserStep(Action.ASSERT_TEXT, "#welcome", "Welcome, Ada", null),
                new BrowserStep(Action.ASSERT_VISIBLE, "#welcome", null, null),
                new BrowserStep(Action.ASSERT_TITLE, null, "Dashboard", null)));
    }

    /** No chromedriver or Chromium process left under this JVM, and the run's profile directory deleted. */
    private void assertNoBrowserLeft() {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList()).isEmpty();
        assertThat(profiles()).isSubsetOf(profilesBefore);
    }

    private static Set<String> profiles() {
        File[] dirs = new File(System.getProperty("java.io.tmpdir")).listFiles((d, n) -> n.startsWith("vigil-browser-"));
        return dirs == null ? Set.of() : Arrays.stream(dirs).map(File::getName).collect(Collectors.toSet());
    }

}
