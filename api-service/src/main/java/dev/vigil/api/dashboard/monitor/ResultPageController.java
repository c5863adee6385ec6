package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.result.ResultDetails;
import dev.vigil.api.web.NotFoundException;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * One result on the dashboard: each step of a multi-step check with its timing, the failed step marked, and beside
 * it the screenshot of a failed browser check (the page alerts link to).
 */
@Controller
@RequestMapping("/app/monitors/{id}/results/{jobId}")
class ResultPageController {

    private final MonitorLookup lookup;
    private final ResultDetails details;

    ResultPageController(MonitorLookup lookup, ResultDetails details) {
        this.lookup = lookup;
        this.details = details;
    }

    @GetMapping
    String page(Caller caller, @PathVariable UUID id, @PathVariable UUID jobId, Model model) {
        MonitorResponse monitor = lookup.get(caller, id);
        ResultDetails.Detail detail = details.find(id, jobId).orElseThrow(() -> new NotFoundException("result"));
        model.addAttribute("monitor", monitor);
        model.addAttribute("detail", detail);
        model.addAttribute("steps", detail.synthetic() == null ? java.util.List.of()
                : detail.synthetic().path("steps").valueStream().toList());
        model.addAttribute("failedStep", detail.synthetic() == null || !detail.synthetic().hasNonNull("failedStep")
                ? -1 : detail.synthetic().get("failedStep").asInt());
        return "dashboard/monitors/result";
    }

    @GetMapping("/screenshot.png")
    ResponseEntity<byte[]> screenshot(Caller caller, @PathVariable UUID id, @PathVariable UUID jobId) {
        lookup.get(caller, id);
        byte[] png = details.screenshot(id, jobId).orElseThrow(() -> new NotFoundException("screenshot"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff").body(png);
    }
}
