package dev.vigil.api.uptime;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/uptime}: an {@link SlaReport} as JSON, CSV or a printable HTML page. */
@RestController
class SlaReportController {

    private final SlaReports reports;
    private final SlaReportPage page;

    SlaReportController(SlaReports reports, SlaReportPage page) {
        this.reports = reports;
        this.page = page;
    }

    @GetMapping("/api/v1/reports/uptime")
    ResponseEntity<?> report(@AuthenticationPrincipal ApiPrincipal caller,
                             @RequestParam(required = false) UUID monitorId,
                             @RequestParam(required = false) UUID componentId,
                             @RequestParam(required = false) String period,
                             @RequestParam(defaultValue = "json") String format) {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("json") && !kind.equals("csv") && !kind.equals("html")) {
            throw InvalidRequestException.of("format", "format must be json, csv or html");
        }
        SlaReport report = reports.report(caller, monitorId, componentId, period);
        String file = "uptime-" + report.subjectId() + "-" + report.period();
        return switch (kind) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
                    .body(SlaReports.csv(report));
            case "html" -> ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                    .body(page.render(report));
            default -> ResponseEntity.ok(report);
        };
    }
}
