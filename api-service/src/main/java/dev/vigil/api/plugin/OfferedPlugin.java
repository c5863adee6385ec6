package dev.vigil.api.plugin;

import java.util.List;

/**
 * One plugin as the API lists it.
 *
 * @param name        what a PLUGIN monitor puts in its {@code plugin} field
 * @param kind        {@code NAGIOS} (an executable plugin) or {@code JAVA} (a probe plugin jar)
 * @param description one line for people, or null
 * @param regions     the regions with at least one live probe offering it, sorted
 */
public record OfferedPlugin(String name, String kind, String description, List<String> regions) {
}
