package dev.vigil.api.monitor;

import java.util.List;
import java.util.Optional;

/**
 * Which plugins the probe regions offer: the seam through which PLUGIN monitors are checked against what can actually
 * run. The probe-worker's plugin catalogue (issue 5) implements it as a Spring bean; until one exists, every
 * well-formed plugin name is accepted (the probe then reports an unknown plugin as a failed check).
 */
public interface PluginCatalog {

    /**
     * Why {@code plugin} cannot run in all of {@code regions}, in words for the person creating the monitor (e.g.
     * "check_ssh is not installed in eu-west-1"); empty when it can.
     */
    Optional<String> unavailability(String plugin, List<String> regions);

    /**
     * Whether a live probe of one of {@code regions} offers {@code plugin} as a Java plugin: the operator installed it,
     * so its arguments are its own business, unlike a Nagios plugin's, which the plugin list governs.
     */
    default boolean offersJavaPlugin(String plugin, List<String> regions) {
        return false;
    }

    /** The catalogue used while no real one is configured: knows no Java plugin, refuses nothing else. */
    PluginCatalog ANY = (plugin, regions) -> Optional.empty();
}
