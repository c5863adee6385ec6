package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.monitor.MonitorFilter;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The monitor list's filter as the page's form and links carry it: one value each (a select), blank for any. The
 * bulk form carries the same fields, prefixed, to act on "all matching".
 */
public class ListFilter {

    private String q = "";
    private String status = "";
    private String tag = "";
    private String group = "";
    private String type = "";
    private String region = "";

    MonitorFilter toFilter() {
        return new MonitorFilter(one(status), one(tag), group.isBlank() ? null : group, one(type), one(region),
                q.isBlank() ? null : q);
    }

    boolean isEmpty() {
        return toFilter().equals(MonitorFilter.ALL);
    }

    /** This filter as a query string ({@code ?q=..&tag=..}), blank parts left out. */
    public String query() {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        add(uri, "q", q);
        add(uri, "status", status);
        add(uri, "tag", tag);
        add(uri, "group", group);
        add(uri, "type", type);
        add(uri, "region", region);
        return uri.encode().build().toUriString();
    }

    /** The same filter with one part changed, for the chips and folders. */
    public String with(String name, String value) {
        ListFilter copy = new ListFilter();
        copy.q = q;
        copy.status = status;
        copy.tag = name.equals("tag") ? value : tag;
        copy.group = name.equals("group") ? value : group;
        copy.type = type;
        copy.region = region;
        return "/app/monitors" + copy.query();
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    public String getQ() { return q; }
    public void setQ(String q) { this.q = q == null ? "" : q; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status == null ? "" : status; }
    public String getTag() { return tag; }
    public void setTag(String tag) { this.tag = tag == null ? "" : tag; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group == null ? "" : group; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type == null ? "" : type; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region == null ? "" : region; }
}
