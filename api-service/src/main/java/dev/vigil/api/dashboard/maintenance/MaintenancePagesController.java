package dev.vigil.api.dashboard.maintenance;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Maintenance windows: the list, scheduling one for chosen monitors, deleting one. */
@Controller
@RequestMapping("/app/maintenance")
class MaintenancePagesController {

    private final MaintenanceSchedule schedule;
    private final JdbcClient jdbc;

    MaintenancePagesController(MaintenanceSchedule schedule, JdbcClient jdbc) {
        this.schedule = schedule;
        this.jdbc = jdbc;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        // Repeats default to the person's zone, the one the form's times are typed in.
        return page(caller, model, FieldErrors.none(), Map.of("timeZone", times(caller).zoneName()), List.of());
    }

    @PostMapping
    String create(Caller caller, @RequestParam(defaultValue = "") String title,
                  @RequestParam(defaultValue = "") String description,
                  @RequestParam(defaultValue = "") String startsAt, @RequestParam(defaultValue = "") String endsAt,
                  @RequestParam(required = false) List<String> monitorIds,
                  @RequestParam(defaultValue = "") String recurrence, @RequestParam(defaultValue = "") String timeZone,
                  @RequestParam(defaultValue = "RUN") String checks, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            schedule.schedule(caller.writer(), times(caller), title, description, startsAt, endsAt, monitorIds,
                    new MaintenanceSchedule.Repeat(recurrence, timeZone, checks));
            redirect.addFlashAttribute("notice", "Maintenance window \"" + title.strip() + "\" scheduled.");
            return "redirect:/app/maintenance";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(caller, model, FieldErrors.of(e.errors()), Map.of("title", title, "description",
                    description, "startsAt", startsAt, "endsAt", endsAt, "recurrence", recurrence,
                    "timeZone", timeZone, "checks", checks),
                    monitorIds == null ? List.of() : monitorIds);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        schedule.delete(caller.writer(), id);
        redirect.addFlashAttribute("notice", "Maintenance window deleted.");
        return "redirect:/app/maintenance";
    }

    private static DashboardTimes times(Caller caller) {
        return DashboardTimes.of(caller.timeZone());
    }

    private String page(Caller caller, Model model, FieldErrors errors, Map<String, String> form,
                        List<String> chosen) {
        model.addAttribute("windows", schedule.list(caller.workspaceId()));
        model.addAttribute("monitors", jdbc.sql("SELECT id, name FROM monitors WHERE workspace_id = ? ORDER BY name")
                .param(caller.workspaceId()).query().listOfRows());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen);
        return "dashboard/maintenance";
    }
}
