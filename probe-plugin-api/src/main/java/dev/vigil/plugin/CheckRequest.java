package dev.vigil.plugin;

import java.time.Duration;
import java.util.List;

/**
 * One run of a plugin check.
 *
 * @param args    the monitor's arguments, as the user gave them (validate them: they are user input)
 * @param timeout the time the check may take in all
 * @param network the only way to the network: vetted name resolution and connections
 */
public record CheckRequest(List<String> args, Duration timeout, Network network) {

    public CheckRequest {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
