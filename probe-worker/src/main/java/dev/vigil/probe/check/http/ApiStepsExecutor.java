package dev.vigil.probe.check.http;

import dev.vigil.common.check.ApiStep;
import dev.vigil.common.check.ApiStepsCheck;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.message.AssertionOutcome;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.message.SyntheticRun;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.AssertionEvaluator;
import dev.vigil.probe.check.assertion.Observation;
import dev.vigil.probe.check.assertion.ValueExtractor;
import dev.vigil.probe.net.TlsTrust;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A multi-step API check: the steps run in order within the job's one timeout, each a request through the same
 * guarded client as HTTP checks (every URL, also one built from a variable, vetted by the SSRF guard), judged by its
 * assertions like an HTTP check; its extractions then become variables of the later steps. The run stops at the
 * first failing step, which the outcome names. Values of workspace variables are redacted from everything the result
 * carries; extracted values are never carried at all (only their names).
 */
@Component
class ApiStepsExecutor extends TypedCheckExecutor<ApiStepsCheck> {

    private static final String REDACTED = "[redacted]";

    private final HttpClients clients;
    private final long maxBodyBytes;
    private final WorkspaceVariables workspaceVariables;

    @Autowired
    ApiStepsExecutor(GuardedHttpClient http, TlsTrust trust, ProbeProperties properties,
                     WorkspaceVariables workspaceVariables) {
        this(http, trust, properties.maxBodySize().toBytes(), workspaceVariables);
    }

    ApiStepsExecutor(GuardedHttpClient http, TlsTrust trust, long maxBodyBytes, WorkspaceVariables variables) {
        super(MonitorType.API_STEPS, ApiStepsCheck.class);
        this.clients = new HttpClients(http, trust);
        this.maxBodyBytes = maxBodyBytes;
        this.workspaceVariables = variables;
    }

    @Override
    protected CheckOutcome run(CheckJob job, ApiStepsCheck check, Stopwatch stopwatch) {
        long deadline = System.nanoTime() + Duration.ofMillis(job.timeoutMs()).toNanos();
        Map<String, String> extracted = new HashMap<>();
        List<String> secrets = new ArrayList<>();
        List<SyntheticRun.StepRun> runs = new ArrayList<>();
        List<AssertionOutcome> allOutcomes = new ArrayList<>();
        long total = 0;
        Integer lastStatus = null;
        for (int i = 0; i < check.steps().size(); i++) {
            ApiStep step = check.steps().get(i);
            String name = step.name() == null || step.name().isBlank() ? "step " + (i + 1) : step.name();
            StepResult result = runStep(job, step, i, name, extracted, secrets, deadline);
            total += result.run.durationMs();
            lastStatus = result.run.statusCode() == null ? lastStatus : result.run.statusCode();
            SyntheticRun.StepRun run = redact(result.run, secrets);
            runs.add(run);
            allOutcomes.addAll(run.assertions());
            if (!run.ok()) {
                String message = "step " + (i + 1) + " (" + name + "): " + run.message();
                SyntheticRun synthetic = new SyntheticRun(runs, i, null, List.of(), List.of(), false);
                return new CheckOutcome(false, false, total, run.timings(), run.statusCode(), result.error,
                        message, allOutcomes, List.of(), null, null, synthetic, null);
            }
        }
        SyntheticRun synthetic = new SyntheticRun(runs, null, null, List.of(), List.of(), false);
        return new CheckOutcome(true, CheckOutcome.isSlow(job, total), total, PhaseTimings.NONE, lastStatus, null,
                CheckOutcome.isSlow(job, total) ? "slower than " + job.degradedAboveMs() + " ms: " + total + " ms"
                        : null, allOutcomes, List.of(), null, null, synthetic, null);
    }

    private StepResult runStep(CheckJob job, ApiStep step, int index, String name, Map<String, String> extracted,
                               List<String> secrets, long deadline) {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            return StepResult.failed(index, name, 0, ErrorKind.TIMEOUT, "no time left of the check's "
                    + job.timeoutMs() + " ms timeout");
        }
        Function<StepTemplates.Reference, String> values = reference -> value(job, reference, extracted, secrets);
        HttpCheck request;
        try {
            request = new HttpCheck(StepTemplates.resolve(step.url(), values), step.method(),
                    StepTemplates.resolve(step.headers(), values), StepTemplates.resolve(step.body(), values),
                    step.followRedirects(), step.assertions());
        } catch (UnknownVariable | WorkspaceVariables.NotOpened e) {
            return StepResult.failed(index, name, 0, ErrorKind.ASSERTION, e.getMessage());
        }
        Request httpRequest;
        try {
            httpRequest = HttpCheckExecutor.request(request);
        } catch (IllegalArgumentException e) {
            return StepResult.failed(index, name, 0, ErrorKind.CONNECTION, "invalid request: " + e.getMessage());
        }
        PhaseTimer timer = new PhaseTimer();
        HttpClients.PerCheck perCheck = clients.forRequest(step.followRedirects(), Duration.ofMillis(remainingMs),
                timer);
        try (perCheck; Response response = perCheck.client().newCall(httpRequest).execute()) {
            HttpCheckExecutor.Body body = HttpCheckExecutor.read(response.body(), maxBodyBytes);
            long latency = timer.elapsedMs();
            String text = body.text();
            Observation observation = Observation.http(response.code(), response::headers, () -> text,
                    body.truncated(), latency);
            List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(step.assertions(), observation);
            boolean statusAsserted = step.assertions().stream()
                    .anyMatch(a -> a.source() == AssertionSource.STATUS_CODE);
            int status = response.code();
            String failure = null;
            ErrorKind error = null;
            if (!statusAsserted && (status < 200 || status >= 400)) {
                error = ErrorKind.HTTP_STATUS;
                failure = "HTTP status " + status;
            } else if (!AssertionEvaluator.allPassed(outcomes)) {
                error = ErrorKind.ASSERTION;
                AssertionOutcome first = outcomes.stream().filter(o -> !o.passed()).findFirst().orElseThrow();
                failure = first.message();
            }
            List<String> names = new ArrayList<>();
            if (failure == null) {
                try {
                    for (ApiStep.Extraction extraction : step.extract()) {
                        extracted.put(extraction.variable(), extract(extraction, text, response));
                        names.add(extraction.variable());
                    }
                } catch (ValueExtractor.NotExtracted e) {
                    error = ErrorKind.ASSERTION;
                    failure = "could not extract a variable: " + e.getMessage();
                }
            }
            SyntheticRun.StepRun run = new SyntheticRun.StepRun(index, name, failure == null, latency, status,
                    timer.timings(), failure, named(outcomes, index, name), names);
            return new StepResult(run, error);
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, httpRequest.url().host(), remainingMs);
            return new StepResult(new SyntheticRun.StepRun(index, name, false, timer.elapsedMs(), null,
                    timer.timings(), failure.message(), List.of(), List.of()), failure.kind());
        }
    }

    private String value(CheckJob job, StepTemplates.Reference reference, Map<String, String> extracted,
                         List<String> secrets) {
        if (reference.workspace()) {
            String sealed = job.variables().get(reference.name());
            if (sealed == null) {
                throw new UnknownVariable("the workspace variable " + reference.name() + " is not set");
            }
            String value = workspaceVariables.open(job.workspaceId(), reference.name(), sealed);
            if (!value.isEmpty() && !secrets.contains(value)) {
                secrets.add(value);
            }
            return value;
        }
        String value = extracted.get(reference.name());
        if (value == null) {
            throw new UnknownVariable("no earlier step extracted " + reference);
        }
        return value;
    }

    private static String extract(ApiStep.Extraction extraction, String body, Response response) {
        return switch (extraction.source()) {
            case JSON_PATH -> ValueExtractor.jsonPath(body, extraction.path());
            case HEADER -> ValueExtractor.header(response::headers, extraction.path());
            case REGEX -> ValueExtractor.regex(body, extraction.path());
        };
    }

    /** Failed assertions' messages name their step, so an alert quoting the first one says where it failed. */
    private static List<AssertionOutcome> named(List<AssertionOutcome> outcomes, int index, String name) {
        List<AssertionOutcome> named = new ArrayList<>(outcomes.size());
        for (AssertionOutcome outcome : outcomes) {
            named.add(outcome.passed() ? outcome : AssertionOutcome.failed(outcome.assertion(), outcome.actual(),
                    "step " + (index + 1) + " (" + name + "): " + outcome.message()));
        }
        return named;
    }

    private static SyntheticRun.StepRun redact(SyntheticRun.StepRun run, List<String> secrets) {
        if (secrets.isEmpty()) {
            return run;
        }
        List<AssertionOutcome> outcomes = new ArrayList<>();
        for (AssertionOutcome o : run.assertions()) {
            outcomes.add(new AssertionOutcome(o.assertion(), o.passed(), redact(o.actual(), secrets),
                    redact(o.message(), secrets)));
        }
        return new SyntheticRun.StepRun(run.index(), run.name(), run.ok(), run.durationMs(), run.statusCode(),
                run.timings(), redact(run.message(), secrets), outcomes, run.extracted());
    }

    private static String redact(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    private record StepResult(SyntheticRun.StepRun run, ErrorKind error) {

        static StepResult failed(int index, String name, long durationMs, ErrorKind error, String message) {
            return new StepResult(new SyntheticRun.StepRun(index, name, false, durationMs, null, PhaseTimings.NONE,
                    message, List.of(), List.of()), error);
        }
    }

    /** A step names a variable nothing set. */
    private static final class UnknownVariable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnknownVariable(String message) {
            super(message, null, false, false);
        }
    }
}
