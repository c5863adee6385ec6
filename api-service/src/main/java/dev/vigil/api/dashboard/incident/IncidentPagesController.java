package dev.vigil.api.dashboard.incident;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.incident.IncidentAcknowledger;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.incident.IncidentView;
import dev.vigil.api.web.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Open and past incidents (the open list is polled), one incident's timeline, and acknowledging it. */
@Controller
@RequestMapping("/app/incidents")
class IncidentPagesController {

    private static final int LIMIT = 100;

    private final IncidentQueries incidents;
    private final IncidentAcknowledger acknowledger;
    private final JdbcClient jdbc;

    IncidentPagesController(IncidentQueries incidents, IncidentAcknowledger acknowledger, JdbcClient jdbc) {
        this.incidents = incidents;
        this.acknowledger = acknowledger;
        this.jdbc = jdbc;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        open(caller, model);
        List<IncidentView> past = incidents.list(caller.workspaceId(), "RESOLVED", null, LIMIT);
        model.addAttribute("past", past);
        model.addAttribute("pastNames", monitorNames(caller.workspaceId()));
        return "dashboard/incidents/list";
    }

    @GetMapping("/open")
    String open(Caller caller, Model model) {
        model.addAttribute("open", incidents.list(caller.workspaceId(), "OPEN", null, LIMIT));
        model.addAttribute("names", monitorNames(caller.workspaceId()));
        return "dashboard/incidents/list :: open";
    }

    @GetMapping("/{id}")
    String incident(Caller caller, @PathVariable UUID id, Model model) {
        IncidentView incident = incidents.find(caller.workspaceId(), id)
                .orElseThrow(() -> new NotFoundException("incident"));
        model.addAttribute("incident", incident);
        model.addAttribute("monitorName", monitorNames(caller.workspaceId()).get(incident.monitorId()));
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
