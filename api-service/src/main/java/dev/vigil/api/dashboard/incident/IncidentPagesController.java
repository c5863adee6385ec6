package dev.vigil.api.dashboard.incident;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.incident.IncidentAcknowledger;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.incident.IncidentPostmortems;
import dev.vigil.api.incident.IncidentUpdateRequest;
import dev.vigil.api.incident.IncidentUpdates;
import dev.vigil.api.incident.IncidentView;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import dev.vigil.api.result.ResultDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Open and past incidents (filtered by state, monitor and tag; the open list refetched on live events), one
 * incident's timeline (its events, the check results while it lasted and the alerts sent), acknowledging it, and the public
 * updates authors post for status pages (through the API's incident updates service).
 */
@Controller
@RequestMapping("/app/incidents")
class IncidentPagesController {

    private static final int LIMIT = 100;
    private static final List<String> UPDATE_STATUSES = List.of("investigating", "identified", "monitoring",
            "resolved");

    private final IncidentQueries incidents;
    private final IncidentAcknowledger acknowledger;
    private final IncidentUpdates updates;
    private final IncidentPostmortems postmortems;
    private final PageComponents pageComponents;
    private final JdbcClient jdbc;
    private final IncidentRows rows;
    private final IncidentTimeline timeline;
    private final Clock clock;
    private final ResultDetails results;

    IncidentPagesController(IncidentQueries incidents, IncidentAcknowledger acknowledger,
                            IncidentUpdates updates, IncidentPostmortems postmortems, PageComponents pageComponents,
                            JdbcClient jdbc, IncidentRows rows, IncidentTimeline timeline, Clock clock,
                            ResultDetails results) {
        this.results = results;
        this.rows = rows;
        this.timeline = timeline;
        this.clock = clock;
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.pageComponents = pageComponents;
        this.updates = updates;
        this.acknowledger = acknowledger;
        this.jdbc = jdbc;
    }

    @GetMapping
    String list(Caller caller, @RequestParam(required = false) String state,
                @RequestParam(required = false) String monitor, @RequestParam(required = false) String tag,
                Model model) {
        IncidentFilter filter = new IncidentFilter(state, monitor, tag);
        open(caller, state, monitor, tag, model);
        List<IncidentView> past = filter.includesResolved()
                ? incidents.list(caller.workspaceId(), "RESOLVED", null, LIMIT) : List.of();
        model.addAttribute("past", rows.rows(caller.workspaceId(), past, filter));
        model.addAttribute("monitors", rows.monitorNames(caller.workspaceId()));
        model.addAttribute("tags", rows.tagNames(caller.workspaceId()));
        model.addAttribute("states", IncidentFilter.STATES);
        return "dashboard/incidents/list";
    }

    /** The open incidents, refetched by the page when the live stream reports an incident or status change. */
    @GetMapping("/open")
    String open(Caller caller, @RequestParam(required = false) String state,
                @RequestParam(required = false) String monitor, @RequestParam(required = false) String tag,
                Model model) {
        IncidentFilter filter = new IncidentFilter(state, monitor, tag);
        model.addAttribute("filter", filter);
        model.addAttribute("open", rows.rows(caller.workspaceId(),
                incidents.list(caller.workspaceId(), "OPEN", null, LIMIT), filter));
        return "dashboard/incidents/list :: open";
    }

    @GetMapping("/{id}")
    String incident(Caller caller, @PathVariable UUID id, Model model) {
        return incident(caller, id, model, "investigating", "", FieldErrors.none());
    }

    @PostMapping("/{id}/updates")
    String postUpdate(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String status,
                      @RequestParam(defaultValue = "") String message, @RequestParam Map<String, String> form,
                      HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            updates.post(caller.writer(), id, new IncidentUpdateRequest(status, message,
                    ImpactFields.read(form)));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", "This declared incident is resolved; it takes no more updates.");
            return "redirect:/app/incidents/" + id;
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return incident(caller, id, model, status, message, FieldErrors.of(e.errors()));
        }
        redirect.addFlashAttribute("notice", "Update posted: status pages showing this monitor now tell it.");
        return "redirect:/app/incidents/" + id;
    }

    private String incident(Caller caller, UUID id, Model model, String status, String message,
                            FieldErrors errors) {
        IncidentView incident = incidents.find(caller.workspaceId(), id)
                .orElseThrow(() -> new NotFoundException("incident"));
        model.addAttribute("incident", incident);
        model.addAttribute("monitorName", monitorNames(caller.workspaceId()).get(incident.monitorId()));
        model.addAttribute("row", rows.rows(caller.workspaceId(), List.of(incident),
                new IncidentFilter(null, null, null)).stream().findFirst().orElse(null));
        model.addAttribute("story", timeline.of(caller.workspaceId(), incident, clock.instant()));
        model.addAttribute("updates", updates.list(caller.reader(), id));
        model.addAttribute("updateStatuses", UPDATE_STATUSES);
        model.addAttribute("updateStatus", status);
        model.addAttribute("updateMessage", message);
        model.addAttribute("errors", errors);
        model.addAttribute("pageComponents", pageComponents.of(caller.workspaceId()));
        model.addAttribute("declaredOptions", incident.declared() ? List.of()
                : incidents.list(caller.workspaceId(), null, null, "DECLARED", LIMIT));
        // A failed browser check's screenshot beside the incident, linking its run's steps (the page alerts link).
        model.addAttribute("failedRun", incident.monitorId() == null ? null
                : results.screenshotOfIncident(incident.monitorId(), incident.startedAt(), incident.resolvedAt())
                .orElse(null));
        model.addAttribute("postmortem", incident.status().equals("RESOLVED")
                ? postmortems.find(caller.reader(), id).orElse(null) : null);
        return "dashboard/incidents/detail";
    }

    @PostMapping("/{id}/acknowledge")
    String acknowledge(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        switch (acknowledger.acknowledge(caller.writer(), id)) {
            case NOT_FOUND -> throw new NotFoundException("incident");
            case RESOLVED -> redirect.addFlashAttribute("problem", "This incident is already resolved.");
            case ALREADY_ACKNOWLEDGED -> redirect.addFlashAttribute("notice", "Already acknowledged.");
            case ACKNOWLEDGED -> redirect.addFlashAttribute("notice", "Incident acknowledged.");
        }
        return "redirect:/app/incidents/" + id;
    }

    private Map<UUID, String> monitorNames(UUID workspaceId) {
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("SELECT id, name FROM monitors WHERE workspace_id = ?").param(workspaceId)
                .query((rs, row) -> names.put(rs.getObject("id", UUID.class), rs.getString("name"))).list();
        return names;
    }
}
