package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Which monitors of a workspace a list or a bulk action means; every part is optional and the parts combine (AND).
 * Values are as people type them: a tag by id or name, a group by id or {@code none}. {@link MonitorSearch} checks
 * them and answers a 400 naming the bad ones.
 *
 * @param status any of these statuses (PENDING, UP, DEGRADED, DOWN, PAUSED)
 * @param tag    every one of these tags (ids or names)
 * @param group  in this group or one of its subgroups; {@code none}: ungrouped
 * @param type   any of these types
 * @param region checked from any of these regions
 * @param q      the name or the target contains this text, regardless of case
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "Which monitors: every part optional, the parts combine")
public record MonitorFilter(List<String> status, List<String> tag, String group, List<String> type,
                            List<String> region, String q) {

    public static final MonitorFilter ALL = new MonitorFilter(List.of(), List.of(), null, List.of(), List.of(), null);

    public MonitorFilter {
        status = status == null ? List.of() : status;
        tag = tag == null ? List.of() : tag;
        type = type == null ? List.of() : type;
        region = region == null ? List.of() : region;
    }
}
