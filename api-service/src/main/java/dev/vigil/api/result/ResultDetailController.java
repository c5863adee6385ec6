package dev.vigil.api.result;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One result in full, and a failed browser check's screenshot and HTML, for the monitor's workspace only (another
 * workspace's monitor or result is a 404). The HTML is the tenant's target's page: it is served as an attachment in
 * plain text, never rendered on Vigil's origin.
 */
@RestController
class ResultDetailController {

    private final MonitorRepository monitors;
    private final ResultDetails details;

    ResultDetailController(MonitorRepository monitors, ResultDetails details) {
        this.monitors = monitors;
        this.details = details;
    }

    @GetMapping("/api/v1/monitors/{id}/results/{jobId}")
    ResultDetails.Detail result(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                @PathVariable UUID jobId) {
        ownMonitor(caller, id);
        return details.find(id, jobId).orElseThrow(() -> new NotFoundException("result"));
    }

    @GetMapping("/api/v1/monitors/{id}/results/{jobId}/screenshot")
    ResponseEntity<byte[]> screenshot(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                      @PathVariable UUID jobId) {
        ownMonitor(caller, id);
        byte[] png = details.screenshot(id, jobId).orElseThrow(() -> new NotFoundException("screenshot"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(png);
    }

    @GetMapping("/api/v1/monitors/{id}/results/{jobId}/html")
    ResponseEntity<byte[]> html(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                                @PathVariable UUID jobId) {
        ownMonitor(caller, id);
        String html = details.html(id, jobId).orElseThrow(() -> new NotFoundException("page HTML"));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"page-" + jobId + ".html\"")
                .body(html.getBytes(StandardCharsets.UTF_8));
    }

    private void ownMonitor(ApiPrincipal caller, UUID id) {
        monitors.findByIdAndWorkspaceId(id, caller.workspaceId()).orElseThrow(() -> new NotFoundException("monitor"));
    }
}
