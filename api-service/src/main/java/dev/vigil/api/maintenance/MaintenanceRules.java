package dev.vigil.api.maintenance;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.maintenance.MaintenanceRecurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/** Validates a window: every problem at once, as docs/api.md's 400 wants. */
final class MaintenanceRules {

    static final int MAX_MONITORS = 500;
    /** Longer windows are almost always a typo in the year, and would silence monitoring for good. */
    static final Duration MAX_LENGTH = Duration.ofDays(31);

    private MaintenanceRules() {
    }

    /** A window that passed validation. */
    record ValidWindow(String title, String description, List<UUID> monitorIds, Instant startsAt, Instant endsAt,
                       String recurrence, String timeZone, String checks, Instant seriesEndsAt) {
    }

    /**
     * @param notInWorkspace answers which of the ids are not monitors of the caller's workspace
     */
    static ValidWindow validate(MaintenanceRequest request, Function<List<UUID>, List<UUID>> notInWorkspace) {
        FieldProblems problems = new FieldProblems();
        String title = problems.requiredLine("title", request.title(), 200);
        String description = request.description() == null ? ""
                : problems.multiLine("description", request.description(), 10_000);
        List<UUID> monitors = List.of();
        // An empty list is an announcement that silences no monitor.
        if (request.monitorIds() == null) {
            problems.add("monitorIds", "monitorIds is required (it may be empty)");
        } else if (request.monitorIds().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add("monitorIds", "monitorIds must not contain null");
        } else if (request.monitorIds().size() > MAX_MONITORS) {
            problems.add("monitorIds", "monitorIds may name at most " + MAX_MONITORS + " monitors");
        } else if (!request.monitorIds().isEmpty()) {
            monitors = List.copyOf(new LinkedHashSet<>(request.monitorIds()));
            List<UUID> foreign = notInWorkspace.apply(monitors);
            if (!foreign.isEmpty()) {
                problems.add("monitorIds", "not monitors of this workspace: " + foreign);
            }
        }
        Instant startsAt = instant(problems, "startsAt", request.startsAt());
        Instant endsAt = instant(problems, "endsAt", request.endsAt());
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                problems.add("endsAt", "endsAt must be after startsAt");
            } else if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
                problems.add("endsAt", "a window may last at most " + MAX_LENGTH.toDays() + " days");
            }
        }
        String checks = request.checks() == null ? "RUN" : request.checks().strip().toUpperCase(Locale.ROOT);
        if (!checks.equals("RUN") && !checks.equals("PAUSE")) {
            problems.add("checks", "checks must be RUN (checks go on, alerts are held back) or PAUSE");
        }
        String rule = request.recurrence() == null || request.recurrence().isBlank() ? null
                : problems.optionalLine("recurrence", request.recurrence(), 500);
        String zone = request.timeZone() == null || request.timeZone().isBlank() ? null
                : problems.optionalLine("timeZone", request.timeZone(), 100);
        MaintenanceRecurrence recurrence = null;
        if (rule == null && zone != null && !problems.has("recurrence")) {
            problems.add("timeZone", "timeZone applies to a recurring window only (give a recurrence)");
        }
        if (rule != null && startsAt != null && endsAt != null && endsAt.isAfter(startsAt)) {
            try {
                recurrence = MaintenanceRecurrence.of(rule, zone, startsAt, Duration.between(startsAt, endsAt));
            } catch (MaintenanceRecurrence.InvalidZone e) {
                problems.add("timeZone", e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add("recurrence", e.getMessage());
            }
        }
        problems.throwIfAny();
        return new ValidWindow(title, description, monitors, startsAt, endsAt,
                recurrence == null ? null : recurrence.rule(), recurrence == null ? null : recurrence.zone().getId(),
                checks, recurrence == null ? endsAt : recurrence.seriesEnd());
    }

    private static Instant instant(FieldProblems problems, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(field, field + " is required");
            return null;
        }
        if (text.length() > 64) {
            problems.add(field, field + " must be an ISO-8601 instant such as 2026-12-01T02:00:00Z");
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text.strip()).toInstant();
            if (instant.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                    || instant.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
                problems.add(field, field + " must be between the years 2000 and 2100");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(field, field + " must be an ISO-8601 instant with an offset, such as 2026-12-01T02:00:00Z");
            return null;
        }
    }
}
