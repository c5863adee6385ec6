package dev.vigil.api.region;

import dev.vigil.common.region.RegionProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegionController {

    private final RegionProperties regions;

    RegionController(RegionProperties regions) {
        this.regions = regions;
    }

    @GetMapping("/api/v1/regions")
    RegionList regions() {
        return new RegionList(regions.regions());
    }

    record RegionList(List<RegionProperties.Region> items) {
    }
}
