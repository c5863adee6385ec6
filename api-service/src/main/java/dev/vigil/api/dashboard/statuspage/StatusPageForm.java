package dev.vigil.api.dashboard.statuspage;

import dev.vigil.api.statuspage.StatusPageRequest;
import dev.vigil.api.statuspage.StatusPageView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the status page form holds. Components are rows posted as {@code components[i].name}, {@code .monitorId},
 * {@code .group} and {@code .order}; the page shows them sorted by their order number. The password is write-only:
 * it is read from the post and never rendered, and on edit a blank one keeps the stored password.
 */
class StatusPageForm {

    /** One component row as the form shows it. */
    public static final class Row {
        String name = "";
        String monitorId = "";
        String group = "";
        int order;

        public String getName() { return name; }
        public String getMonitorId() { return monitorId; }
        public String getGroup() { return group; }
        public int getOrder() { return order; }
    }

    static final List<String> INPUTS = List.of("slug", "title", "description", "logoUrl", "customDomain",
            "password", "allowedIps", "components", "language", "monitorGroup");
    /** More rows than the API accepts are still sent so that the API names the limit. */
    private static final int MAX_ROWS = 200;
    private static final Pattern ROW = Pattern.compile("components\\[(\\d{1,3})]\\.(name|monitorId|group|order)");

    String slug = "";
    String title = "";
    String description = "";
    String logoUrl = "";
    String customDomain = "";
    String language = "en";
    String allowedIps = "";
    boolean removePassword;
    boolean passwordProtected;
    final List<Row> rows = new ArrayList<>();
    /** The posted password: sent to the API, never rendered. */
    private String password = "";

    static StatusPageForm from(Map<String, String> params) {
        StatusPageForm form = new StatusPageForm();
        form.slug = params.getOrDefault("slug", "").strip();
        form.title = params.getOrDefault("title", "");
        form.description = params.getOrDefault("description", "");
        form.logoUrl = params.getOrDefault("logoUrl", "");
        form.customDomain = params.getOrDefault("customDomain", "");
        form.language = params.getOrDefault("language", "en");
        form.allowedIps = params.getOrDefault("allowedIps", "");
        form.password = params.getOrDefault("password", "");
        form.removePassword = "true".equals(params.get("removePassword"));
        Map<Integer, Row> byIndex = new TreeMap<>();
        params.forEach((key, value) -> {
            Matcher m = ROW.matcher(key);
            if (!m.matches()) {
                return;
            }
            int index = Integer.parseInt(m.group(1));
            if (byIndex.size() >= MAX_ROWS && !byIndex.containsKey(index)) {
                return;
            }
            Row row = byIndex.computeIfAbsent(index, i -> {
                Row r = new Row();
                r.order = i + 1;
                return r;
            });
            switch (m.group(2)) {
                case "name" -> row.name = value;
                case "monitorId" -> row.monitorId = value.strip();
                case "group" -> row.group = value;
                default -> row.order = parseOrder(value, row.order);
            }
        });
        // Stable: rows with the same order number keep the order they were posted in.
        byIndex.values().stream().sorted(Comparator.comparingInt(Row::getOrder)).forEach(form.rows::add);
        return form;
    }

    static StatusPageForm of(StatusPageView page) {
        StatusPageForm form = new StatusPageForm();
        form.slug = page.slug();
        form.title = page.title();
        form.description = page.description() == null ? "" : page.description();
        form.logoUrl = page.logoUrl() == null ? "" : page.logoUrl();
        form.customDomain = page.customDomain() == null ? "" : page.customDomain();
        form.language = page.language();
        form.allowedIps = String.join("\n", page.allowedIps());
        form.passwordProtected = page.passwordProtected();
        page.components().stream().sorted(Comparator.comparingInt(StatusPageView.ComponentView::position))
                .forEach(c -> {
                    Row row = new Row();
                    row.name = c.name();
                    row.monitorId = c.monitorId() == null ? "" : c.monitorId().toString();
                    row.group = c.group() == null ? "" : c.group();
                    form.rows.add(row);
                });
        form.renumber();
        return form;
    }

    /** Rows with neither a name nor a monitor are left out: an added row the person did not fill in. */
    void dropBlankRows() {
        rows.removeIf(r -> r.name.isBlank() && r.monitorId.isBlank() && r.group.isBlank());
        renumber();
    }

    void addRow() {
        rows.add(new Row());
        renumber();
    }

    /**
     * Appends a row per component (a monitor group's monitors), after dropping the blank rows a new form starts
     * with; the rows are the form's like any other, unsaved until the page is.
     */
    void addRows(List<StatusPageRequest.ComponentRequest> components) {
        rows.removeIf(r -> r.name.isBlank() && r.monitorId.isBlank() && r.group.isBlank());
        for (StatusPageRequest.ComponentRequest c : components) {
            Row row = new Row();
            row.name = c.name();
            row.monitorId = c.monitorId().toString();
            row.group = c.group() == null ? "" : c.group();
            rows.add(row);
        }
        renumber();
    }

    /** Applies a row operation ({@code up:3}, {@code down:0}, {@code remove:2}); unknown ones change nothing. */
    void apply(String op) {
        String[] parts = op.split(":", 2);
        int index;
        try {
            index = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return;
        }
        if (index < 0 || index >= rows.size()) {
            return;
        }
        switch (parts[0]) {
            case "up" -> swap(index, index - 1);
            case "down" -> swap(index, index + 1);
            case "remove" -> rows.remove(index);
            default -> {
                return;
            }
        }
        renumber();
    }

    /**
     * The request for the API. On edit a blank password keeps the stored one (null) unless removal is asked for
     * (empty string); on create a blank one means no password.
     */
    StatusPageRequest request() {
        String sentPassword = removePassword ? "" : password.isEmpty() ? null : password;
        List<String> ips = Arrays.stream(allowedIps.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        List<StatusPageRequest.ComponentRequest> components = rows.stream()
                .map(r -> new StatusPageRequest.ComponentRequest(r.name, monitorId(r.monitorId),
                        r.group.isBlank() ? null : r.group, null))
                .toList();
        return new StatusPageRequest(slug, title, description, logoUrl.isBlank() ? null : logoUrl.strip(),
                customDomain.isBlank() ? null : customDomain, sentPassword, ips, components, language);
    }

    private void swap(int a, int b) {
        if (b >= 0 && b < rows.size()) {
            Row row = rows.get(a);
            rows.set(a, rows.get(b));
            rows.set(b, row);
        }
    }

    private void renumber() {
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).order = i + 1;
        }
    }

    private static int parseOrder(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static UUID monitorId(String text) {
        try {
            return text.isBlank() ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String getSlug() { return slug; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public String getLogoUrl() { return logoUrl; }
    public String getCustomDomain() { return customDomain; }
    public String getLanguage() { return language; }
    public String getAllowedIps() { return allowedIps; }
    public boolean isRemovePassword() { return removePassword; }
    public boolean isPasswordProtected() { return passwordProtected; }
    public List<Row> getRows() { return rows; }
}
