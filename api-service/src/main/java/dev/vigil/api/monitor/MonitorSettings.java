package dev.vigil.api.monitor;

import dev.vigil.common.check.CheckSpec;
import java.util.List;

/** A validated monitor definition, ready to store. */
public record MonitorSettings(String name, CheckSpec check, int intervalSeconds, int timeoutMs, List<String> regions,
                             int confirmations, Integer degradedAboveMs, boolean paused) {
}
