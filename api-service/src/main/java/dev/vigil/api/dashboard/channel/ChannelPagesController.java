package dev.vigil.api.dashboard.channel;

import dev.vigil.api.channel.ChannelRequest;
import dev.vigil.common.channel.ChannelType;
import dev.vigil.api.channel.ChannelView;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.channel.DeliveryLog;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.Deletion;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.reminder.ReminderSettings;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
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
 * Alert channels in the dashboard. Secrets never reach a page: the form shows the API's redacted hint, and a secret
 * left blank on edit keeps the stored one (the API keeps a stored configuration only whole, so the page sends the
 * stored secret back to it server-side, never to the browser).
 */
@Controller
@RequestMapping("/app/channels")
class ChannelPagesController {

    private static final int LOG_SIZE = 50;
    static final List<String> TYPES = Arrays.stream(ChannelType.values()).map(Enum::name).toList();

    private final Channels channels;
    private final DeliveryLog deliveries;
    private final ReminderSettings reminders;

    ChannelPagesController(Channels channels, DeliveryLog deliveries, ReminderSettings reminders) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.reminders = reminders;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        model.addAttribute("channels", channels.list(caller.reader()));
        return "dashboard/channels/list";
    }

    @GetMapping("/new")
    String newForm(Caller caller, @RequestParam(defaultValue = "WEBHOOK") String type, Model model) {
        caller.writer();
        ChannelForm form = new ChannelForm();
        form.type = ChannelType.fromName(type) == null ? "WEBHOOK" : ChannelType.fromName(type).name();
        return form(model, form, null, FieldErrors.none());
    }

    @PostMapping
    String create(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        ChannelForm form = ChannelForm.from(params);
        try {
            ChannelView created = channels.create(caller.writer(),
                    new ChannelRequest(form.name, form.type, form.submittedConfig(), form.isDefault));
            redirect.addFlashAttribute("notice", "Alert channel \"" + created.name() + "\" created.");
            return "redirect:/app/channels/" + created.id();
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, form, null, errors(e.errors()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", e.getBody().getDetail());
            return form(model, form, null, FieldErrors.none());
        }
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable UUID id, Model model) {
        return detail(caller, id, model, null, FieldErrors.none());
    }

    /**
     * The reminder interval: minutes, or blank for none. Text that is no whole number is refused here, a number out
     * of range by the service the API uses; either way the page shows the problem under the field and nothing changes.
     */
    @PostMapping("/{id}/reminders")
    String reminders(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String everyMinutes,
                     HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ApiPrincipal writer = caller.writer();
        String entered = everyMinutes.strip();
        try {
            Integer minutes = entered.isEmpty() ? null : parseMinutes(entered);
            reminders.setReminders(writer, id, minutes);
            redirect.addFlashAttribute("notice", minutes == null ? "Reminders are off."
                    : "Reminders repeat every " + minutes + " minutes while an incident stays unacknowledged.");
            return "redirect:/app/channels/" + id;
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return detail(caller, id, model, entered, FieldErrors.of(e.errors()));
        }
    }

    private static Integer parseMinutes(String entered) {
        try {
            return Integer.valueOf(entered);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.of("everyMinutes",
                    "everyMinutes must be a whole number of minutes, or blank for no reminders");
        }
    }

    /** The page; {@code everyMinutes} is what the field shows, null for the stored interval. */
    private String detail(Caller caller, UUID id, Model model, String everyMinutes, FieldErrors reminderErrors) {
        model.addAttribute("channel", channels.get(caller.reader(), id));
        Integer stored = reminders.reminders(caller.reader(), id);
        model.addAttribute("storedMinutes", stored);
        String shown = everyMinutes != null ? everyMinutes : stored == null ? "" : stored.toString();
        model.addAttribute("monitors", channels.linkedMonitors(caller.reader(), id));
        model.addAttribute("everyMinutes", shown);
        model.addAttribute("reminderErrors", reminderErrors);
        model.addAttribute("minMinutes", ReminderSettings.MIN_MINUTES);
        model.addAttribute("maxMinutes", ReminderSettings.MAX_MINUTES);
        log(caller, id, model);
        return "dashboard/channels/detail";
    }

    /** The delivery log alone, polled by the detail page so a test's delivery shows up without a reload. */
    @GetMapping("/{id}/deliveries")
    String log(Caller caller, @PathVariable UUID id, Model model) {
        model.addAttribute("channelId", id);
        model.addAttribute("deliveries", deliveries.ofChannel(caller.reader(), id, LOG_SIZE).items());
        return "dashboard/channels/detail :: log";
    }

    @GetMapping("/{id}/edit")
    String editForm(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        ChannelView channel = channels.get(caller.reader(), id);
        return form(model, ChannelForm.of(channel), channel, FieldErrors.none());
    }

    @PostMapping("/{id}")
    String update(Caller caller, @PathVariable UUID id, @RequestParam Map<String, String> params,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ChannelView current = channels.get(caller.writer(), id);
        ChannelForm form = ChannelForm.from(params);
        try {
            channels.replaceKeepingBlankSecrets(caller.writer(), id,
                    new ChannelRequest(form.name, form.type, form.submittedConfig(), form.isDefault));
            redirect.addFlashAttribute("notice", "Alert channel saved.");
            return "redirect:/app/channels/" + id;
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, form, current, errors(e.errors()));
        }
    }

    @PostMapping("/{id}/test")
    String test(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        channels.test(caller.writer(), id);
        redirect.addFlashAttribute("notice", "Test event queued: its delivery appears in the log below.");
        return "redirect:/app/channels/" + id;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID id, Model model) {
        caller.writer();
        return deletion(channels.get(caller.reader(), id)).confirm(model);
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        Deletion deletion = deletion(channels.get(caller.writer(), id));
        channels.delete(caller.writer(), id);
        return deletion.done(redirect, "/app/channels");
    }

    private static Deletion deletion(ChannelView channel) {
        return new Deletion("alert channel", "Delete channel", channel.name(),
                "Monitors stop alerting it, and its delivery log is deleted with it.",
                "/app/channels/" + channel.id() + "/delete", "/app/channels/" + channel.id());
    }

    /** The API's problems under the form's inputs: {@code config.url} belongs to the input {@code url}. */
    private static FieldErrors errors(List<FieldProblem> problems) {
        FieldErrors errors = FieldErrors.none();
        problems.forEach(p -> errors.add(p.field().startsWith("config.") ? p.field().substring(7) : p.field(),
                p.message()));
        return errors;
    }

    private String form(Model model, ChannelForm form, ChannelView existing, FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("channel", existing);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", errors.otherThan(ChannelForm.INPUTS));
        model.addAttribute("types", TYPES);
        model.addAttribute("fields", ChannelForm.FIELDS);
        return "dashboard/channels/form";
    }
}
