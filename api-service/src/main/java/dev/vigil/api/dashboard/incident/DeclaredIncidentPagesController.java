package dev.vigil.api.dashboard.incident;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.incident.ComponentImpact;
import dev.vigil.api.incident.DeclareIncidentRequest;
import dev.vigil.api.incident.EditIncidentRequest;
import dev.vigil.api.incident.IncidentDeclarations;
import dev.vigil.api.incident.IncidentPostmortems;
import dev.vigil.api.incident.IncidentView;
import dev.vigil.api.incident.LinkIncidentRequest;
import dev.vigil.api.incident.PostmortemRequest;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Declaring an incident (title, severity, first update, the status-page components it affects and how), renaming
 * an incident, linking a monitor's incident to a declared one, and writing and publishing a postmortem; all through
 * the API's services acting as the signed-in person.
 */
@Controller
@RequestMapping("/app/incidents")
class DeclaredIncidentPagesController {

    static final List<String> SEVERITIES = List.of("minor", "major", "critical");
    static final List<String> OPENING_STATUSES = List.of("investigating", "identified", "monitoring");

    private final IncidentDeclarations declarations;
    private final IncidentPostmortems postmortems;
    private final PageComponents components;

    DeclaredIncidentPagesController(IncidentDeclarations declarations, IncidentPostmortems postmortems,
                                    PageComponents components) {
        this.declarations = declarations;
        this.postmortems = postmortems;
        this.components = components;
    }

    @GetMapping("/declare")
    String form(Caller caller, Model model) {
        caller.writer();
        return form(caller, model, Map.of("severity", "major", "status", "investigating"), FieldErrors.none());
    }

    @PostMapping("/declare")
    String declare(Caller caller, @RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        List<ComponentImpact> impacts = ImpactFields.read(form);
        try {
            IncidentView declared = declarations.declare(caller.writer(), new DeclareIncidentRequest(
                    form.get("title"), form.get("severity"), form.get("status"), form.get("message"), impacts));
            return "redirect:/app/incidents/" + declared.id();
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(caller, model, form, FieldErrors.of(e.errors()));
        }
    }

    @PostMapping("/{id}/title")
    String rename(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String title,
                  RedirectAttributes redirect) {
        try {
            declarations.edit(caller.writer(), id, new EditIncidentRequest(title, null));
            redirect.addFlashAttribute("notice", "Title saved.");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().getFirst().message());
        }
        return "redirect:/app/incidents/" + id;
    }

    @PostMapping("/{id}/link")
    String link(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String declaredIncidentId,
                RedirectAttributes redirect) {
        if (declaredIncidentId.isBlank()) {
            declarations.unlink(caller.writer(), id);
            redirect.addFlashAttribute("notice", "No longer part of a declared incident.");
            return "redirect:/app/incidents/" + id;
        }
        try {
            declarations.link(caller.writer(), id, new LinkIncidentRequest(UUID.fromString(declaredIncidentId)));
            redirect.addFlashAttribute("notice", "Linked: status pages tell it as part of the declared incident.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Choose a declared incident.");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().getFirst().message());
        }
        return "redirect:/app/incidents/" + id;
    }

    @PostMapping("/{id}/postmortem")
    String postmortem(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String body,
                      @RequestParam(defaultValue = "false") boolean published, RedirectAttributes redirect) {
        try {
            postmortems.save(caller.writer(), id, new PostmortemRequest(body, published));
            redirect.addFlashAttribute("notice", published ? "Postmortem published on the status pages."
                    : "Postmortem saved as a draft.");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().getFirst().message());
            redirect.addFlashAttribute("postmortemDraft", body);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", "A postmortem is written once the incident is resolved.");
        }
        return "redirect:/app/incidents/" + id;
    }

    private String form(Caller caller, Model model, Map<String, String> form, FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("severities", SEVERITIES);
        model.addAttribute("statuses", OPENING_STATUSES);
        model.addAttribute("components", components.of(caller.workspaceId()));
        return "dashboard/incidents/declare";
    }
}
