package dev.vigil.api.dashboard.oncall;

import dev.vigil.api.channel.ChannelView;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.escalation.EscalationRequests;
import dev.vigil.api.escalation.OnCallContacts;
import dev.vigil.api.escalation.OnCallOverrides;
import dev.vigil.api.escalation.OnCallRotations;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * On-call rotations: the list (who is on call now, the next hand-over), creating one, one rotation's page (members in
 * turn, editing, overrides added and removed, deleting it), and each member's on-call contact. Times are typed and
 * shown in the person's zone ({@link DashboardTimes}) and stored as instants.
 */
@Controller
@RequestMapping("/app/oncall")
class RotationPagesController {

    private final OnCallRotations rotations;
    private final OnCallOverrides overrides;
    private final OnCallContacts contacts;
    private final Channels channels;
    private final Clock clock;

    RotationPagesController(OnCallRotations rotations, OnCallOverrides overrides, OnCallContacts contacts,
                            Channels channels, Clock clock) {
        this.rotations = rotations;
        this.overrides = overrides;
        this.contacts = contacts;
        this.channels = channels;
        this.clock = clock;
    }

    /** A rotation as a page shows it: member addresses for ids. */
    record RotationRow(OnCallRotations.RotationView rotation, List<String> members, String onCallNow,
                       String nextMember) {
    }

    @GetMapping
    String list(Caller caller, Model model) {
        return listPage(caller, model, FieldErrors.none(), Map.of("handoff", "WEEKLY",
                "startsAt", times(caller).input(clock.instant().truncatedTo(ChronoUnit.HOURS)),
                "timeZone", times(caller).zoneName()), List.of());
    }

    @PostMapping
    String create(Caller caller, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String handoff, @RequestParam(defaultValue = "") String startsAt,
                  @RequestParam(required = false) List<String> memberIds,
                  @RequestParam(defaultValue = "") String timeZone, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            OnCallRotations.RotationView created = rotations.create(caller.writer(), new EscalationRequests.Rotation(
                    name, handoff, instant(caller, startsAt), memberIds == null ? List.of() : memberIds, timeZone));
            redirect.addFlashAttribute("notice", "Rotation \"" + created.name() + "\" created.");
            return "redirect:/app/oncall/" + created.id();
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return listPage(caller, model, FieldErrors.of(e.errors()), Map.of("name", name, "handoff", handoff,
                    "startsAt", startsAt, "timeZone", timeZone), memberIds == null ? List.of() : memberIds);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
            return "redirect:/app/oncall";
        }
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable UUID id, Model model) {
        OnCallRotations.RotationView rotation = rotations.get(caller.reader(), id);
        return detailPage(caller, model, rotation, FieldErrors.none(), form(caller, rotation),
                rotation.memberIds(), FieldErrors.none(), Map.of());
    }

    @PostMapping("/{id}")
    String update(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String handoff, @RequestParam(defaultValue = "") String startsAt,
                  @RequestParam(required = false) List<String> memberIds,
                  @RequestParam(defaultValue = "") String timeZone, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            rotations.update(caller.writer(), id, new EscalationRequests.Rotation(name, handoff,
                    instant(caller, startsAt), memberIds == null ? List.of() : memberIds, timeZone));
            redirect.addFlashAttribute("notice", "Rotation saved.");
            return "redirect:/app/oncall/" + id;
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return detailPage(caller, model, rotations.get(caller.reader(), id), FieldErrors.of(e.errors()),
                    Map.of("name", name, "handoff", handoff, "startsAt", startsAt, "timeZone", timeZone),
                    memberIds == null ? List.of() : memberIds, FieldErrors.none(), Map.of());
        }
    }

    @PostMapping("/{id}/overrides")
    String addOverride(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String memberId,
                       @RequestParam(defaultValue = "") String startsAt, @RequestParam(defaultValue = "") String endsAt,
                       @RequestParam(defaultValue = "") String note, HttpServletResponse response, Model model,
                       RedirectAttributes redirect) {
        try {
            overrides.create(caller.writer(), id, new EscalationRequests.OverrideShift(memberId,
                    instant(caller, startsAt), instant(caller, endsAt), note));
            redirect.addFlashAttribute("notice", "Override added.");
            return "redirect:/app/oncall/" + id;
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            OnCallRotations.RotationView rotation = rotations.get(caller.reader(), id);
            return detailPage(caller, model, rotation, FieldErrors.none(), form(caller, rotation),
                    rotation.memberIds(), FieldErrors.of(e.errors()), Map.of("memberId", memberId,
                            "startsAt", startsAt, "endsAt", endsAt, "note", note));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
            return "redirect:/app/oncall/" + id;
        }
    }

    @PostMapping("/{id}/overrides/{overrideId}/delete")
    String deleteOverride(Caller caller, @PathVariable UUID id, @PathVariable UUID overrideId,
                          RedirectAttributes redirect) {
        overrides.delete(caller.writer(), id, overrideId);
        redirect.addFlashAttribute("notice", "Override removed.");
        return "redirect:/app/oncall/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        rotations.delete(caller.writer(), id);
        redirect.addFlashAttribute("notice", "Rotation deleted.");
        return "redirect:/app/oncall";
    }

    @GetMapping("/contacts/{userId}")
    String contact(Caller caller, @PathVariable UUID userId, Model model) {
        OnCallContacts.ContactView contact = contacts.get(caller.reader(), userId);
        return contactPage(caller, model, contact, contact.channelIds(), contact.byEmail(), FieldErrors.none());
    }

    @PostMapping("/contacts/{userId}")
    String saveContact(Caller caller, @PathVariable UUID userId,
                       @RequestParam(required = false) List<String> channelIds,
                       @RequestParam(defaultValue = "false") boolean byEmail, HttpServletResponse response,
                       Model model, RedirectAttributes redirect) {
        List<String> chosen = channelIds == null ? List.of() : channelIds;
        try {
            OnCallContacts.ContactView saved = contacts.put(caller.writer(), userId,
                    new EscalationRequests.Contact(chosen, byEmail));
            redirect.addFlashAttribute("notice", "On-call contact of " + saved.email() + " saved.");
            return "redirect:/app/oncall";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return contactPage(caller, model, contacts.get(caller.reader(), userId), chosen, byEmail,
                    FieldErrors.of(e.errors()));
        }
    }

    private String listPage(Caller caller, Model model, FieldErrors errors, Map<String, String> form,
                            List<String> chosen) {
        List<OnCallContacts.ContactView> people = contacts.list(caller.reader());
        Map<String, String> emails = emails(people);
        model.addAttribute("rotations", rotations.list(caller.reader()).stream().map(r -> row(r, emails)).toList());
        model.addAttribute("people", people);
        model.addAttribute("channelNames", channels.list(caller.reader()).stream()
                .collect(Collectors.toMap(ChannelView::id, c -> c.name() + " (" + c.type() + ")")));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen);
        return "dashboard/oncall/rotations";
    }

    private String detailPage(Caller caller, Model model, OnCallRotations.RotationView rotation, FieldErrors errors,
                              Map<String, String> form, List<String> chosen, FieldErrors overrideErrors,
                              Map<String, String> overrideForm) {
        List<OnCallContacts.ContactView> people = contacts.list(caller.reader());
        Map<String, String> emails = emails(people);
        // The rotation's members first, in their turn, then everyone else: checking boxes keeps the turn order.
        List<OnCallContacts.ContactView> ordered = new ArrayList<>();
        Map<String, OnCallContacts.ContactView> byId = people.stream()
                .collect(Collectors.toMap(OnCallContacts.ContactView::userId, Function.identity(), (a, b) -> a,
                        LinkedHashMap::new));
        rotation.memberIds().stream().map(byId::remove).filter(p -> p != null).forEach(ordered::add);
        ordered.addAll(byId.values());
        model.addAttribute("row", row(rotation, emails));
        model.addAttribute("people", ordered);
        model.addAttribute("overrides", overrides.list(caller.reader(), UUID.fromString(rotation.id())));
        model.addAttribute("emails", emails);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen);
        model.addAttribute("overrideErrors", overrideErrors);
        model.addAttribute("overrideForm", overrideForm);
        return "dashboard/oncall/rotation";
    }

    private String contactPage(Caller caller, Model model, OnCallContacts.ContactView contact, List<String> chosen,
                               boolean byEmail, FieldErrors errors) {
        model.addAttribute("contact", contact);
        model.addAttribute("channels", channels.list(caller.reader()));
        model.addAttribute("chosen", chosen);
        model.addAttribute("byEmail", byEmail);
        model.addAttribute("errors", errors);
        return "dashboard/oncall/contact";
    }

    /** The edit form of a stored rotation: its start in the person's zone, its own hand-over zone. */
    private static Map<String, String> form(Caller caller, OnCallRotations.RotationView rotation) {
        return Map.of("name", rotation.name(), "handoff", rotation.handoff(),
                "startsAt", times(caller).input(rotation.startsAt()), "timeZone", rotation.timeZone());
    }

    private static DashboardTimes times(Caller caller) {
        return DashboardTimes.of(caller.timeZone());
    }

    /**
     * A {@code datetime-local} value read in the person's zone, as the API's ISO-8601 instant; anything else as
     * given, so the API refuses it by field like any other bad input.
     */
    private static String instant(Caller caller, String local) {
        Instant at = times(caller).fromInput(local);
        return at != null ? at.toString() : local == null || local.isBlank() ? null : local.strip();
    }

    private static Map<String, String> emails(List<OnCallContacts.ContactView> people) {
        return people.stream().collect(Collectors.toMap(OnCallContacts.ContactView::userId,
                OnCallContacts.ContactView::email, (a, b) -> a));
    }

    /** A member who left the workspace shows as "former member": their id means nothing to a reader. */
    private static RotationRow row(OnCallRotations.RotationView rotation, Map<String, String> emails) {
        Function<String, String> name = id -> id == null ? null : emails.getOrDefault(id, "former member");
        return new RotationRow(rotation, rotation.memberIds().stream().map(name).toList(),
                name.apply(rotation.onCallNow()),
                rotation.nextHandover() == null ? null : name.apply(rotation.nextHandover().memberId()));
    }
}
