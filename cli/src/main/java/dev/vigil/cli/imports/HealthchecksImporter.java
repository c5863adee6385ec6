package dev.vigil.cli.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks of a Healthchecks project, as its Management API lists them ({@code GET /api/v3/checks/}, saved to a
 * file), as HEARTBEAT monitors: a simple check's {@code timeout} is the period and {@code grace} the grace; a cron
 * check keeps its {@code schedule} and {@code tz} (Vigil's cron heartbeats have Healthchecks' semantics).
 * Paused checks stay paused; each word of a check's {@code tags} is a Vigil tag. Everything else (descriptions,
 * channels, which the checks list names only by id, keyword filters, the old ping URL) is listed with its place.
 */
public final class HealthchecksImporter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIN_PERIOD = 30;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG_NAME = 50;
    /** Fields with nothing to carry over, or that describe the check's state rather than its definition. */
    private static final Set<String> STATE = Set.of("name", "slug", "grace", "timeout", "schedule", "tz", "status",
            "n_pings", "last_ping", "next_ping", "last_duration", "started", "update_url", "pause_url",
            "resume_url", "ping_url", "unique_key", "uuid", "badge_url", "tags");

    private final List<String> unmapped = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    private HealthchecksImporter() {
    }

    /** @param checksJson the body of {@code GET /api/v3/checks/} ({@code {"checks": [...]}}) */
    public static ImportResult convert(String checksJson) {
        return new HealthchecksImporter().run(JSON.readTree(checksJson));
    }

    private ImportResult run(JsonNode answer) {
        ObjectNode document = JSON.createObjectNode();
        document.put("version", 1);
        ArrayNode monitors = document.putArray("monitors");
        JsonNode checks = answer.path("checks");
        if (!checks.isArray()) {
            throw new IllegalArgumentException("expected {\"checks\": [...]}, the answer of GET /api/v3/checks/");
        }
        for (int i = 0; i < checks.size(); i++) {
            check("checks[" + i + "]", checks.get(i), monitors);
        }
        return new ImportResult(document, List.copyOf(unmapped), List.of());
    }

    private void check(String path, JsonNode check, ArrayNode monitors) {
        String name = check.path("name").asString("");
        String schedule = check.path("schedule").asString("").strip();
        long period = check.path("timeout").asLong(0);
        if (schedule.isEmpty() && period <= 0) {
            unmapped.add(path + " (" + name + "): not imported: neither a timeout nor a schedule");
            return;
        }
        ObjectNode monitor = monitors.addObject();
        monitor.put("key", key(check.path("slug").asString(""), name));
        monitor.put("name", name.isEmpty() ? "Heartbeat " + (monitors.size()) : name);
        monitor.put("type", "HEARTBEAT");
        if (!schedule.isEmpty()) {
            // Vigil heartbeats take a cron schedule with Healthchecks' semantics (5 fields, day fields OR-ed).
            monitor.put("schedule", schedule);
            monitor.put("timeZone", check.path("tz").asString("UTC").isBlank() ? "UTC"
                    : check.path("tz").asString("UTC"));
        } else {
            if (period < MIN_PERIOD) {
                unmapped.add(path + ".timeout: " + period + " s is below Vigil's usual minimum; " + MIN_PERIOD
                        + " s is used");
                period = MIN_PERIOD;
            }
            monitor.put("periodSeconds", period);
        }
        if (check.has("grace")) {
            monitor.put("graceSeconds", check.get("grace").asLong());
        }
        if ("paused".equals(check.path("status").asString(""))) {
            monitor.put("paused", true);
        }
        tags(path, check.path("tags").asString(""), monitor);
        unmapped.add(path + " (" + name + "): the job must ping the new monitor's URL (`vigil monitors get`) "
                + "instead of " + (check.has("ping_url") ? check.get("ping_url").asString() : "its Healthchecks URL"));
        for (String field : check.propertyNames()) {
            JsonNode value = check.get(field);
            boolean empty = value.isNull() || value.asString("x").isEmpty() || (value.isBoolean() && !value.asBoolean());
            if (!STATE.contains(field) && !empty) {
                unmapped.add(path + "." + field + ": " + clip(value.isString() ? value.asString() : value.toString())
                        + " not imported");
            }
        }
    }

    /** Healthchecks' tags are one space-separated string; each word is a Vigil tag of that name. */
    private void tags(String path, String tags, ObjectNode monitor) {
        Set<String> names = new LinkedHashSet<>();
        for (String tag : tags.strip().split("\\s+")) {
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG_NAME || names.size() >= MAX_TAGS) {
                unmapped.add(path + ".tags: " + clip(tag) + " not imported (at most " + MAX_TAGS + " tags of 1 to "
                        + MAX_TAG_NAME + " characters)");
            } else if (names.stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
                names.add(tag);
            }
        }
        if (!names.isEmpty()) {
            names.forEach(monitor.putArray("tags")::add);
        }
    }

    private String key(String slug, String name) {
        String base = (slug.isEmpty() ? name : slug).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:-]+", "-")
                .replaceAll("^-+|-+$", "");
        base = base.isEmpty() ? "heartbeat" : base.length() > 90 ? base.substring(0, 90) : base;
        String key = base;
        for (int n = 2; !keys.add(key); n++) {
            key = base + "-" + n;
        }
        return key;
    }

    private static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
