package dev.vigil.common.region;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The probe regions of this deployment ({@code vigil.regions[i].id}, {@code .name}); every service of a deployment
 * must be given the same list. Without configuration, the three regions of local mode.
 *
 * @param regions the probe regions, each an {@code id} (1-40 of {@code a-z0-9-}, used in queue names) and a display
 *                {@code name}, e.g. {@code VIGIL_REGIONS_0_ID=eu-west}, {@code VIGIL_REGIONS_0_NAME=Ireland}; by
 *                default {@code local-a}, {@code local-b} and {@code local-c}
 */
@ConfigurationProperties("vigil")
public record RegionProperties(List<Region> regions) {

    public static final List<Region> LOCAL_REGIONS = List.of(
            new Region("local-a", "Local A"), new Region("local-b", "Local B"), new Region("local-c", "Local C"));

    public RegionProperties {
        regions = regions == null || regions.isEmpty() ? LOCAL_REGIONS : List.copyOf(regions);
        long distinct = regions.stream().map(Region::id).distinct().count();
        if (distinct != regions.size()) {
            throw new IllegalArgumentException("vigil.regions has duplicate ids: " + regions);
        }
    }

    /** A probe region: a stable id used in queue names and APIs, and a display name. */
    public record Region(String id, String name) {

        public Region {
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException(
                        "vigil.regions id must be 1-40 lower-case letters, digits or '-', was " + id);
            }
            name = name == null || name.isBlank() ? id : name;
        }
    }

    public List<String> ids() {
        return regions.stream().map(Region::id).toList();
    }

    public boolean contains(String id) {
        return regions.stream().anyMatch(r -> r.id().equals(id));
    }
}
