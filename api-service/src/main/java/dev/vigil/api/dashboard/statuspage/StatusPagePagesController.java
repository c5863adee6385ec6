package dev.vigil.api.dashboard.statuspage;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.Deletion;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.group.MonitorGroups;
import dev.vigil.api.statuspage.StatusPages;
import dev.vigil.api.statuspage.StatusPageView;
import dev.vigil.api.subscription.SubscriberRoster;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Status pages in the dashboard. The form's component rows are edited server-side: "Add component", "Add a group's
 * monitors" (a monitor group becomes a component group), "Move up/down" and "Remove" post the form with an
 * {@code op} and get it back changed, unsaved (so the page works without script); "Save" sends the whole page to the
 * API. A password is never sent back to the browser.
 */
@Controller
@RequestMapping("/app/status-pages")
class StatusPagePagesController {

    private static final Pattern COMPONENT_FIELD = Pattern.compile("components\\[(\\d+)]\\.(\\w+)");

    private final StatusPages pages;
    private final MonitorGroups groups;
    private final JdbcClient jdbc;
    private final SubscriberRoster subscribers;

    StatusPagePagesController(StatusPages pages, MonitorGroups groups, JdbcClient jdbc,
                              SubscriberRoster subscribers) {
        this.pages = pages;
        this.groups = groups;
        this.jdbc = jdbc;
        this.subscribers = subscribers;
    }

    /** A monitor the component select offers. */
    public record MonitorChoice(UUID id, String name) {
    }

    @GetMapping
    String list(Caller caller, Model model) {
        model.addAttribute("pages", pages.list(caller.reader()));
        return "dashboard/statuspages/list";
    }

    @GetMapping("/new")
    String newForm(Caller caller, Model model) {
        caller.writer();
        StatusPageForm form = new StatusPageForm();
        form.addRow();
        return form(caller, model, form, null, FieldErrors.none());
    }

    @PostMapping
    String create(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        caller.writer();
        StatusPageForm form = StatusPageForm.from(params);
        String op = params.getOrDefault("op", "save");
        if (!op.equals("save")) {
            return rowOperation(caller, model, form, null, op, params.get("monitorGroup"), response);
        }
        form.dropBlankRows();
        try {
            StatusPageView created = pages.create(caller.writer(), form.request());
            redirect.addFlashAttribute("notice", "Status page \"" + created.title() + "\" created.");
            return "redirect:/app/status-pages/" + created.id() + "/edit";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(caller, model, form, null, errors(e.errors()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(caller, model, form, null, FieldErrors.none().add("slug", e.getBody().getDetail()));
        }
    }

    @GetMapping("/{id}/edit")
    String editForm(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        StatusPageView page = pages.get(caller.reader(), id);
        return form(caller, model, StatusPageForm.of(page), page, FieldErrors.none());
    }

    /** Viewers see the page's settings read-only; writers are taken to the form. */
    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable UUID id, Model model) {
        StatusPageView page = pages.get(caller.reader(), id);
        if (caller.canWrite()) {
            return "redirect:/app/status-pages/" + id + "/edit";
        }
        model.addAttribute("page", page);
        model.addAttribute("monitorNames", monitorNames(caller));
        model.addAttribute("subscriberCounts", subscribers.counts(caller.reader(), id));
        return "dashboard/statuspages/detail";
    }

    @PostMapping("/{id}")
    String update(Caller caller, @PathVariable UUID id, @RequestParam Map<String, String> params,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        StatusPageView current = pages.get(caller.writer(), id);
        StatusPageForm form = StatusPageForm.from(params);
        form.passwordProtected = current.passwordProtected();
        String op = params.getOrDefault("op", "save");
        if (!op.equals("save")) {
            return rowOperation(caller, model, form, current, op, params.get("monitorGroup"), response);
        }
        form.dropBlankRows();
        try {
            pages.replace(caller.writer(), id, form.request());
            redirect.addFlashAttribute("notice", "Status page saved.");
            return "redirect:/app/status-pages/" + id + "/edit";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(caller, model, form, current, errors(e.errors()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(caller, model, form, current, FieldErrors.none().add("slug", e.getBody().getDetail()));
        }
    }

    /** Looks up the custom domain's TXT challenge record (see the API's domain verification). */
    @PostMapping("/{id}/domain-verification")
    String verifyDomain(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            pages.verifyDomain(caller.writer(), id);
            redirect.addFlashAttribute("notice", "Domain verified: the page is served there now.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/status-pages/" + id + "/edit";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        return deletion(pages.get(caller.reader(), id)).confirm(model);
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        Deletion deletion = deletion(pages.get(caller.writer(), id));
        pages.delete(caller.writer(), id);
        return deletion.done(redirect, "/app/status-pages");
    }

    private static Deletion deletion(StatusPageView page) {
        return new Deletion("status page", "Delete status page", page.title(), "The public page /status/"
                + page.slug() + " stops answering, and its subscribers get no more updates from it.",
                "/app/status-pages/" + page.id() + "/delete", "/app/status-pages/" + page.id() + "/edit");
    }

    private String rowOperation(Caller caller, Model model, StatusPageForm form, StatusPageView existing,
                                String op, String monitorGroup, HttpServletResponse response) {
        if (op.equals("add")) {
            form.addRow();
        } else if (op.equals("add-group")) {
            try {
                form.addRows(pages.componentsOfGroup(caller.writer(), UUID.fromString(
                        monitorGroup == null ? "" : monitorGroup.strip())));
            } catch (IllegalArgumentException | InvalidRequestException e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                return form(caller, model, form, existing, FieldErrors.none().add("monitorGroup",
                        "Choose one of this workspace's monitor groups."));
            }
        } else {
            form.apply(op);
        }
        model.addAttribute("notice", "Not saved yet: save the page to publish the components.");
        return form(caller, model, form, existing, FieldErrors.none());
    }

    /**
     * The API's problems under the form's inputs; a component's own problems ({@code components[2].name}) go
     * under its row, kept as {@code component-2}.
     */
    private static FieldErrors errors(List<FieldProblem> problems) {
        FieldErrors errors = FieldErrors.none();
        for (FieldProblem p : problems) {
            Matcher m = COMPONENT_FIELD.matcher(p.field());
            errors.add(m.matches() ? "component-" + m.group(1) : p.field(), p.message());
        }
        return errors;
    }

    private List<MonitorChoice> monitors(Caller caller) {
        return jdbc.sql("SELECT id, name FROM monitors WHERE workspace_id = ? ORDER BY name, id")
                .param(caller.workspaceId())
                .query((rs, n) -> new MonitorChoice(rs.getObject("id", UUID.class), rs.getString("name"))).list();
    }

    private Map<String, String> monitorNames(Caller caller) {
        Map<String, String> names = new java.util.HashMap<>();
        monitors(caller).forEach(m -> names.put(m.id().toString(), m.name()));
        return names;
    }

    private String form(Caller caller, Model model, StatusPageForm form, StatusPageView existing,
                        FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("page", existing);
        model.addAttribute("subscriberCounts", existing == null ? null : subscribers.counts(caller.reader(),
                existing.id()));
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", errors.otherThan(StatusPageForm.INPUTS).stream()
                .filter(e -> !e.startsWith("component-")).toList());
        model.addAttribute("monitors", monitors(caller));
        model.addAttribute("monitorGroups", groups.list(caller.reader()));
        return "dashboard/statuspages/form";
    }
}
