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

    /** The catalogue used while no real one is configured: knows nothing, refuses nothing. */
    PluginCatalog ANY = (plugin, regions) -> Optional.empty();
}
