package dev.vigil.common.check;

import java.util.List;

/**
 * A real browser session driven by declarative steps (no tenant code runs in the page or the probe). The first step
 * is normally a {@link BrowserStep.Action#GOTO}.
 *
 * @param steps the steps, in order, at least one
 */
public record BrowserCheck(List<BrowserStep> steps) implements CheckSpec {

    public BrowserCheck {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public MonitorType type() {
        return MonitorType.BROWSER;
    }

    @Override
    public String target() {
        return steps.stream().filter(s -> s.action() == BrowserStep.Action.GOTO).map(BrowserStep::value)
                .findFirst().orElse("");
    }
}
