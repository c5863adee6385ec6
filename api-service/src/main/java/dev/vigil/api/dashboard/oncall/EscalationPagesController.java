package dev.vigil.api.dashboard.oncall;

import dev.vigil.api.channel.ChannelView;
import dev.vigil.api.channel.Channels;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.escalation.EscalationPolicies;
import dev.vigil.api.escalation.EscalationRequests;
import dev.vigil.api.escalation.OnCallRotations;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Escalation policies: every monitor with its levels, and one monitor's policy edited as up to five levels (channels
 * of any type and/or a rotation, minutes to wait). Empty trailing levels are dropped; the API's problems show under
 * the level they belong to.
 */
@Controller
@RequestMapping("/app/escalation")
class EscalationPagesController {

    private static final Pattern LEVEL_FIELD = Pattern.compile("levels\\[(\\d+)](.*)");

    private final EscalationPolicies policies;
    private final OnCallRotations rotations;
    private final Channels channels;

    EscalationPagesController(EscalationPolicies policies, OnCallRotations rotations, Channels channels) {
        this.policies = policies;
        this.rotations = rotations;
        this.channels = channels;
    }

    /** One level of the form, as shown: ids as strings, minutes as typed. */
    record LevelForm(List<String> channelIds, String rotationId, String afterMinutes) {

        boolean blank() {
            return channelIds.isEmpty() && rotationId.isEmpty() && afterMinutes.isBlank();
        }
    }

    @GetMapping
    String list(Caller caller, Model model) {
        model.addAttribute("monitors", policies.overview(caller.reader()));
        model.addAttribute("channelNames", channels.list(caller.reader()).stream()
                .collect(Collectors.toMap(ChannelView::id, ChannelView::name)));
        model.addAttribute("rotationNames", rotations.list(caller.reader()).stream()
                .collect(Collectors.toMap(OnCallRotations.RotationView::id, OnCallRotations.RotationView::name)));
        return "dashboard/oncall/escalation";
    }

    @GetMapping("/{monitorId}")
    String edit(Caller caller, @PathVariable UUID monitorId, Model model) {
        EscalationPolicies.MonitorPolicy policy = monitor(caller, monitorId);
        List<LevelForm> levels = new ArrayList<>();
        for (Map<String, Object> level : policy.levels()) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) level.getOrDefault("channelIds", List.of());
            Object rotation = level.get("rotationId");
            Object after = level.get("afterMinutes");
            levels.add(new LevelForm(ids, rotation == null ? "" : rotation.toString(),
                    after == null ? "" : after.toString()));
        }
        return form(caller, model, policy, levels, Map.of());
    }

    @PostMapping("/{monitorId}")
    String save(Caller caller, @PathVariable UUID monitorId, HttpServletRequest request,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        EscalationPolicies.MonitorPolicy policy = monitor(caller, monitorId);
        List<LevelForm> levels = new ArrayList<>();
        for (int i = 0; i < EscalationPolicies.MAX_LEVELS; i++) {
            String[] ids = request.getParameterValues("level" + i + ".channelIds");
            String rotation = request.getParameter("level" + i + ".rotationId");
            String after = request.getParameter("level" + i + ".afterMinutes");
            levels.add(new LevelForm(ids == null ? List.of() : List.of(ids), rotation == null ? "" : rotation.strip(),
                    after == null ? "" : after.strip()));
        }
        while (!levels.isEmpty() && levels.getLast().blank()) {
            levels.removeLast();
        }
        try {
            policies.put(caller.writer(), monitorId, new EscalationRequests.Policy(levels.stream()
                    .map(EscalationPagesController::request).toList()));
            redirect.addFlashAttribute("notice", "Escalation policy of " + policy.monitorName() + " saved.");
            return "redirect:/app/escalation";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(caller, model, policy, levels, levelErrors(e.errors()));
        }
    }

    @PostMapping("/{monitorId}/delete")
    String delete(Caller caller, @PathVariable UUID monitorId, RedirectAttributes redirect) {
        policies.delete(caller.writer(), monitorId);
        redirect.addFlashAttribute("notice", "Escalation policy removed.");
        return "redirect:/app/escalation";
    }

    private EscalationPolicies.MonitorPolicy monitor(Caller caller, UUID monitorId) {
        return policies.overview(caller.reader()).stream().filter(m -> m.monitorId().equals(monitorId.toString()))
                .findFirst().orElseThrow(() -> new NotFoundException("monitor"));
    }

    private String form(Caller caller, Model model, EscalationPolicies.MonitorPolicy policy, List<LevelForm> levels,
                        Map<String, String> errors) {
        List<LevelForm> shown = new ArrayList<>(levels);
        while (shown.size() < EscalationPolicies.MAX_LEVELS) {
            shown.add(new LevelForm(List.of(), "", ""));
        }
        model.addAttribute("policy", policy);
        model.addAttribute("levels", shown);
        model.addAttribute("levelErrors", errors);
        model.addAttribute("channels", channels.list(caller.reader()));
        model.addAttribute("rotations", rotations.list(caller.reader()));
        return "dashboard/oncall/escalation-edit";
    }

    private static EscalationRequests.Level request(LevelForm level) {
        Integer after;
        try {
            after = level.afterMinutes().isBlank() ? null : Integer.valueOf(level.afterMinutes());
        } catch (NumberFormatException e) {
            after = -1; // the API's range check names the field
        }
        return new EscalationRequests.Level(level.channelIds(), level.rotationId().isEmpty() ? null
                : level.rotationId(), after);
    }

    /** The API's problems by level ("0", "1", ...; "all" for the policy as a whole), joined per level. */
    private static Map<String, String> levelErrors(List<FieldProblem> problems) {
        Map<String, String> byLevel = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            Matcher m = LEVEL_FIELD.matcher(problem.field());
            String key = m.matches() ? m.group(1) : "all";
            byLevel.merge(key, problem.message(), (a, b) -> a + "; " + b);
        }
        return byLevel;
    }
}
