package dev.vigil.api.uptime;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds {@link SlaReport}s, always within the caller's workspace: a monitor's, or a status-page component's (its
 * monitor's uptime, its monitor's incidents and the declared incidents that affected it).
 */
@Component
public class SlaReports {

    private final JdbcClient jdbc;
    private final UptimeHistories histories;
    private final Clock clock;

    SlaReports(JdbcClient jdbc, UptimeHistories histories, Clock clock) {
        this.jdbc = jdbc;
        this.histories = histories;
        this.clock = clock;
    }

    /** Exactly one of {@code monitorId} and {@code componentId}; 404 when it is not the caller's. */
    public SlaReport report(ApiPrincipal caller, UUID monitorId, UUID componentId, String period) {
        FieldProblems problems = new FieldProblems();
        if ((monitorId == null) == (componentId == null)) {
            problems.add("monitorId", "give either monitorId or componentId");
        }
        ReportPeriod chosen = null;
        try {
            chosen = ReportPeriod.parse(period);
        } catch (dev.vigil.api.web.InvalidRequestException e) {
            e.errors().forEach(p -> problems.add(p.field(), p.message()));
        }
        problems.throwIfAny();
        UUID workspace = caller.workspaceId();
        String type;
        String name;
        UUID monitor;
        if (monitorId != null) {
            Map<String, Object> row = jdbc.sql("SELECT name FROM monitors WHERE id = ? AND workspace_id = ?")
                    .params(monitorId, workspace).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("monitor"));
            type = "monitor";
            name = (String) row.get("name");
            monitor = monitorId;
        } else {
            Map<String, Object> row = jdbc.sql("""
                            SELECT c.name, c.monitor_id FROM status_page_components c
                            JOIN status_pages p ON p.id = c.page_id WHERE c.id = ? AND p.workspace_id = ?""")
                    .params(componentId, workspace).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("component"));
            type = "component";
            name = (String) row.get("name");
            monitor = (UUID) row.get("monitor_id");
        }
        Instant now = clock.instant();
        Instant created = jdbc.sql("SELECT created_at FROM monitors WHERE id = ?").param(monitor)
                .query(Timestamp.class).single().toInstant();
        Instant from = chosen.from().isBefore(created) ? created : chosen.from();
        Instant to = chosen.until().isAfter(now) ? now : chosen.until();
        Double percent = null;
        long monitored = 0;
        long down = 0;
        if (from.isBefore(to)) {
            UptimeHistory.Measure measure = histories.of(monitor, from, to).over(from, to);
            percent = measure.percent();
            monitored = measure.monitored().toSeconds();
            down = measure.downSeconds();
        }
        List<SlaReport.Incident> incidents = new ArrayList<>();
        Instant periodStart = chosen.from();
        Instant periodEnd = to.isBefore(periodStart) ? periodStart : to;
        jdbc.sql("""
                        SELECT id, title, kind, started_at, resolved_at FROM incidents
                        WHERE workspace_id = :workspace AND started_at < :until
                          AND coalesce(resolved_at, :now) > :from
                          AND (monitor_id = :monitor OR id IN (
                               SELECT incident_id FROM incident_components WHERE component_id = :component))
                        ORDER BY started_at, id LIMIT 1000""")
                .param("workspace", workspace).param("until", Timestamp.from(periodEnd))
                .param("now", Timestamp.from(now)).param("from", Timestamp.from(periodStart))
                .param("monitor", monitor).param("component", componentId)
                .query(rs -> {
                    Instant started = rs.getTimestamp("started_at").toInstant();
                    Timestamp resolvedAt = rs.getTimestamp("resolved_at");
                    Instant resolved = resolvedAt == null ? null : resolvedAt.toInstant();
                    Instant end = resolved == null || resolved.isAfter(periodEnd) ? periodEnd : resolved;
                    Instant begin = started.isBefore(periodStart) ? periodStart : started;
                    long seconds = Math.max(0, Duration.between(begin, end).toSeconds());
                    String kind = rs.getString("kind");
                    String title = rs.getString("title");
                    incidents.add(new SlaReport.Incident(rs.getObject("id", UUID.class),
                            title != null ? title : name + " " + kind.toLowerCase(java.util.Locale.ROOT), kind,
                            started, resolved, seconds));
                });
        incidents.sort(Comparator.comparing(SlaReport.Incident::startedAt));
        return new SlaReport(type, monitorId != null ? monitorId : componentId, name, chosen.label(), from, to,
                percent, monitored, down, List.copyOf(incidents));
    }

    /** The report as CSV: a summary block, then one row per incident; every text cell defused by {@link CsvCell}. */
    public static String csv(SlaReport r) {
        StringBuilder out = new StringBuilder();
        out.append("subject_type,subject_id,subject_name,period,from,to,uptime_percent,monitored_seconds,"
                + "downtime_seconds\r\n");
        out.append(String.join(",", CsvCell.of(r.subjectType()), CsvCell.of(r.subjectId().toString()),
                CsvCell.of(r.subjectName()), CsvCell.of(r.period()), CsvCell.of(r.from().toString()),
                CsvCell.of(r.to().toString()), CsvCell.of(r.uptimePercent() == null ? null
                        : String.format(java.util.Locale.ROOT, "%.4f", r.uptimePercent())),
                CsvCell.of(r.monitoredSeconds()), CsvCell.of(r.downtimeSeconds()))).append("\r\n\r\n");
        out.append("incident_id,title,kind,started_at,resolved_at,duration_seconds\r\n");
        for (SlaReport.Incident i : r.incidents()) {
            out.append(String.join(",", CsvCell.of(i.id().toString()), CsvCell.of(i.title()), CsvCell.of(i.kind()),
                    CsvCell.of(i.startedAt().toString()), CsvCell.of(i.resolvedAt() == null ? null
                            : i.resolvedAt().toString()), CsvCell.of(i.durationSeconds()))).append("\r\n");
        }
        return out.toString();
    }
}
