package dev.vigil.api.region;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.fleet.RegionCapabilities;
import dev.vigil.common.region.RegionProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegionController {

    private final RegionProperties regions;
    private final Supplier<RegionCapabilities> capabilities;

    RegionController(RegionProperties regions, Supplier<RegionCapabilities> capabilities) {
        this.regions = regions;
        this.capabilities = capabilities;
    }

    @GetMapping("/api/v1/regions")
    RegionList regions() {
        RegionCapabilities capable = capabilities.get();
        return new RegionList(regions.regions().stream().map(r -> {
            Set<String> offered = capable.offered(r.id());
            return new RegionView(r.id(), r.name(), offered == null ? null : offered.stream().sorted().toList());
        }).toList());
    }

    record RegionList(List<RegionView> items) {
    }

    /**
     * A region of this deployment.
     *
     * @param monitorTypes what its live probes run between them: BROWSER only where a probe found a working Chromium
     *                     and chromedriver
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RegionView(String id, String name,
                      @Schema(description = "The monitor types its live probes run (BROWSER only where a probe has a "
                              + "working Chromium); absent while no probe of the region is live")
                      List<String> monitorTypes) {
    }
}
