package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.channel.Channels;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.dashboard.Deletion;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.group.GroupView;
import dev.vigil.api.group.MonitorGroups;
import dev.vigil.api.monitor.MonitorEditor;
import dev.vigil.api.monitor.MonitorRequest;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.tag.Tags;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.common.region.RegionProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monitor list (with a polled fragment of its rows), the create and edit forms, pause/resume and delete with a
 * confirmation page. Changes go through the API's {@link MonitorEditor}, so its validation messages are shown next
 * to the fields they name.
 */
@Controller
@RequestMapping("/app/monitors")
class MonitorPagesController {

    private final MonitorOverview overview;
    private final MonitorSummary summary;
    private final MonitorLookup lookup;
    private final MonitorEditor editor;
    private final RegionProperties regions;
    private final Channels channels;
    private final Tags tags;
    private final MonitorGroups groups;
    private final FirstRunGuide guide;

    MonitorPagesController(MonitorOverview overview, MonitorSummary summary, MonitorLookup lookup, MonitorEditor editor,
                           RegionProperties regions, Channels channels, Tags tags, MonitorGroups groups,
                           FirstRunGuide guide) {
        this.guide = guide;
        this.channels = channels;
        this.tags = tags;
        this.groups = groups;
        this.overview = overview;
        this.summary = summary;
        this.lookup = lookup;
        this.editor = editor;
        this.regions = regions;
    }

    @GetMapping
    String list(Caller caller, @ModelAttribute("filter") ListFilter filter, Locale locale, Model model) {
        rows(caller, filter, locale, model);
        model.addAttribute("summary", summary.of(caller));
        model.addAttribute("statuses", MonitorOverview.STATUSES);
        model.addAttribute("types", MonitorForm.TYPES);
        model.addAttribute("regions", regions.regions());
        model.addAttribute("channels", channels.list(caller.reader()));
        model.addAttribute("guide", guide.of(caller.workspaceId()));
        return "dashboard/monitors/list";
    }

    /** The overview's uptime means alone, fetched by the page of a large workspace that had none to show yet. */
    @GetMapping("/overview/uptime")
    String overviewUptime(Caller caller, Model model) {
        model.addAttribute("summary", summary.withMeans(caller));
        return "dashboard/monitors/list :: uptime";
    }

    /** The rows alone, polled by the list page every few seconds and fetched again when the filter changes. */
    @GetMapping("/rows")
    String rows(Caller caller, @ModelAttribute("filter") ListFilter filter, Locale locale, Model model) {
        List<GroupView> allGroups = groups.list(caller.reader());
        model.addAttribute("tags", tags.list(caller.reader()));
        model.addAttribute("groups", allGroups);
        MonitorOverview.Listing listing;
        try {
            listing = overview.list(caller, filter.toFilter(), allGroups);
        } catch (InvalidRequestException e) {
            // A stale link (a deleted tag or group): say so and show nothing rather than an error page.
            model.addAttribute("filterProblem", e.getBody().getDetail());
            listing = new MonitorOverview.Listing(List.of(), 0, -1);
        }
        model.addAttribute("listing", listing);
        model.addAttribute("rowsHtml", new MonitorRowsMarkup(DashboardTimes.of(caller.timeZone()), caller.canWrite(),
                locale).html(listing.rows()));
        return "dashboard/monitors/list :: rows";
    }

    @GetMapping("/new")
    String newForm(Caller caller, Model model) {
        caller.writer();
        return form(caller, model, new MonitorForm(), null, FieldErrors.none());
    }

    @PostMapping
    String create(Caller caller, @ModelAttribute("form") MonitorForm form, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        FieldErrors errors = FieldErrors.none();
        MonitorRequest request = form.toRequest(errors, form.chosenChannels(errors, null),
                form.chosenLabels(errors, null), true);
        try {
            if (request != null) {
                MonitorResponse created = editor.create(caller.writer(), request);
                redirect.addFlashAttribute("notice", "Monitor \"" + created.name() + "\" created.");
                return "redirect:/app/monitors/" + created.id();
            }
        } catch (InvalidRequestException e) {
            errors = FieldErrors.of(e.errors());
        } catch (ConflictException e) {
            model.addAttribute("problem", e.getBody().getDetail());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(caller, model, form, null, errors);
    }

    @GetMapping("/{id}/edit")
    String editForm(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        MonitorResponse monitor = lookup.get(caller, id);
        return form(caller, model, MonitorForm.of(monitor), monitor, FieldErrors.none());
    }

    @PostMapping("/{id}")
    String update(Caller caller, @PathVariable UUID id, @ModelAttribute("form") MonitorForm form,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        MonitorResponse current = lookup.get(caller, id);
        FieldErrors errors = FieldErrors.none();
        MonitorRequest request = form.toRequest(errors, form.chosenChannels(errors, current.alertChannelIds()),
                form.chosenLabels(errors, current), false);
        try {
            if (request != null) {
                editor.replace(caller.writer(), id, request);
                redirect.addFlashAttribute("notice", "Monitor saved.");
                return "redirect:/app/monitors/" + id;
            }
        } catch (InvalidRequestException e) {
            errors = FieldErrors.of(e.errors());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(caller, model, form, current, errors);
    }

    @PostMapping("/{id}/pause")
    String pause(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        editor.setPaused(caller.writer(), id, true);
        redirect.addFlashAttribute("notice", "Monitor paused: no checks and no alerts until resumed.");
        return "redirect:/app/monitors/" + id;
    }

    @PostMapping("/{id}/resume")
    String resume(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        editor.setPaused(caller.writer(), id, false);
        redirect.addFlashAttribute("notice", "Monitor resumed.");
        return "redirect:/app/monitors/" + id;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        return deletion(lookup.get(caller, id)).confirm(model);
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        Deletion deletion = deletion(lookup.get(caller, id));
        editor.delete(caller.writer(), id);
        return deletion.done(redirect, "/app/monitors");
    }

    private static Deletion deletion(MonitorResponse monitor) {
        return new Deletion("monitor", "Delete monitor", monitor.name(),
                "Its checks stop at once. Stored results stay until retention removes them.",
                "/app/monitors/" + monitor.id() + "/delete", "/app/monitors/" + monitor.id());
    }

    private String form(Caller caller, Model model, MonitorForm form, MonitorResponse existing, FieldErrors errors) {
        model.addAttribute("channels", channels.list(caller.reader()));
        model.addAttribute("tags", tags.list(caller.reader()));
        model.addAttribute("groups", groups.list(caller.reader()));
        model.addAttribute("form", form);
        model.addAttribute("monitor", existing);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", errors.otherThan(MonitorForm.FIELDS));
        model.addAttribute("types", MonitorForm.TYPES);
        model.addAttribute("methods", MonitorForm.METHODS);
        model.addAttribute("recordTypes", MonitorForm.RECORD_TYPES);
        model.addAttribute("tlsModes", MonitorForm.TLS_MODES);
        model.addAttribute("payloadEncodings", MonitorForm.PAYLOAD_ENCODINGS);
        model.addAttribute("engines", MonitorForm.ENGINES);
        model.addAttribute("regions", regions.regions());
        return "dashboard/monitors/form";
    }
}
