package dev.vigil.api.dashboard.report;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.uptime.SlaReport;
import dev.vigil.api.uptime.SlaReportPage;
import dev.vigil.api.uptime.SlaReports;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Uptime/SLA reports in the dashboard: a form (a monitor or a status-page component, a month or quarter), then the
 * printable page or the CSV, from the same service as {@code GET /api/v1/reports/uptime}.
 */
@Controller
@RequestMapping("/app/reports/uptime")
class ReportPagesController {

    private final SlaReports reports;
    private final SlaReportPage page;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReportPagesController(SlaReports reports, SlaReportPage page, JdbcClient jdbc, Clock clock) {
        this.reports = reports;
        this.page = page;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    String form(Caller caller, Model model) {
        return form(caller, model, Map.of("period", YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString()),
                FieldErrors.none());
    }

    /** {@code subject} is {@code monitor:<id>} or {@code component:<id>}. */
    @GetMapping("/view")
    Object view(Caller caller, @RequestParam(defaultValue = "") String subject,
                @RequestParam(defaultValue = "") String period, @RequestParam(defaultValue = "html") String format,
                Model model, HttpServletResponse response) {
        UUID monitor = null;
        UUID component = null;
        try {
            if (subject.startsWith("monitor:")) {
                monitor = UUID.fromString(subject.substring("monitor:".length()));
            } else if (subject.startsWith("component:")) {
                component = UUID.fromString(subject.substring("component:".length()));
            }
        } catch (IllegalArgumentException e) {
            // left null: the service names the missing subject
        }
        SlaReport report;
        try {
            report = reports.report(caller.reader(), monitor, component, period);
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(caller, model, Map.of("period", period, "subject", subject), FieldErrors.of(e.errors()));
        }
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"uptime-" + report.subjectId()
                            + "-" + report.period() + ".csv\"")
                    .body(SlaReports.csv(report));
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(page.render(report));
    }

    private String form(Caller caller, Model model, Map<String, String> form, FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("subjects", subjects(caller.workspaceId()));
        return "dashboard/reports/form";
    }

    record Subject(String value, String label) {
    }

    private List<Subject> subjects(UUID workspaceId) {
        List<Subject> monitors = jdbc.sql("SELECT id, name FROM monitors WHERE workspace_id = ? ORDER BY name, id")
                .param(workspaceId)
                .query((rs, n) -> new Subject("monitor:" + rs.getObject("id", UUID.class),
                        "Monitor: " + rs.getString("name")))
                .list();
        List<Subject> components = jdbc.sql("""
                        SELECT c.id, c.name, p.title FROM status_page_components c
                        JOIN status_pages p ON p.id = c.page_id
                        WHERE p.workspace_id = ? ORDER BY p.title, c.position""")
                .param(workspaceId)
                .query((rs, n) -> new Subject("component:" + rs.getObject("id", UUID.class),
                        "Component: " + rs.getString("title") + " — " + rs.getString("name")))
                .list();
        return java.util.stream.Stream.concat(monitors.stream(), components.stream()).toList();
    }
}
