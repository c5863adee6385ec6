package dev.vigil.common.check;

import java.util.List;

/**
 * A sequence of HTTP requests run in order, each judged by its own assertions; a step's extractions become variables
 * ({@code {{name}}}) in the URL, headers and body of the steps after it. Workspace variables are referenced as
 * {@code {{vars.NAME}}}: the job carries them sealed, the probe opens them only to send the request.
 *
 * @param steps the requests, at least one
 */
public record ApiStepsCheck(List<ApiStep> steps) implements CheckSpec {

    public ApiStepsCheck {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public MonitorType type() {
        return MonitorType.API_STEPS;
    }

    @Override
    public String target() {
        return steps.isEmpty() ? "" : steps.getFirst().url();
    }
}
