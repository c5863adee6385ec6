package dev.vigil.api.dashboard.fleet;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.plugin.PluginQueries;
import dev.vigil.common.region.RegionProperties;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Probes and plugins: every region with its live probes, each probe's version and last heartbeat, the plugins. */
@Controller
@RequestMapping("/app/probes")
class FleetPagesController {

    private final RegionProperties regions;
    private final ProbeFleet fleet;
    private final PluginQueries plugins;

    FleetPagesController(RegionProperties regions, ProbeFleet fleet, PluginQueries plugins) {
        this.regions = regions;
        this.fleet = fleet;
        this.plugins = plugins;
    }

    /** A region with how many of its probes are live. */
    record RegionRow(String id, String name, long live) {
    }

    @GetMapping
    String page(Caller caller, Model model) {
        List<ProbeFleet.Probe> probes = fleet.probes();
        Map<String, Long> live = probes.stream().filter(ProbeFleet.Probe::live)
                .collect(Collectors.groupingBy(ProbeFleet.Probe::region, Collectors.counting()));
        model.addAttribute("regions", regions.regions().stream()
                .map(r -> new RegionRow(r.id(), r.name(), live.getOrDefault(r.id(), 0L))).toList());
        model.addAttribute("probes", probes);
        model.addAttribute("plugins", plugins.offered());
        return "dashboard/probes";
    }
}
