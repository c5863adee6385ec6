package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.BulkRequest;
import dev.vigil.api.monitor.BulkResult;
import dev.vigil.api.monitor.Monitor;
import dev.vigil.api.monitor.MonitorBulkActions;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorSearch;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monitor list's bulk actions: the checked monitors, or all matching the list's filter, through the API's
 * {@link MonitorBulkActions} (one transaction, one audit entry). A delete first shows a confirmation naming the count
 * and the monitors, and then deletes exactly those (by id), not whatever matches the filter by then.
 */
@Controller
class MonitorBulkPagesController {

    private static final int NAMES_SHOWN = 20;
    private static final Map<String, String> DONE = Map.of("pause", "Paused", "resume", "Resumed",
            "delete", "Deleted", "add_tags", "Tagged", "remove_tags", "Untagged",
            "link_channel", "Linked the channel to",
            "unlink_channel", "Unlinked the channel from", "move_to_group", "Moved");

    private final MonitorBulkActions actions;
    private final MonitorSearch search;
    private final MonitorRepository monitors;

    MonitorBulkPagesController(MonitorBulkActions actions, MonitorSearch search, MonitorRepository monitors) {
        this.actions = actions;
        this.search = search;
        this.monitors = monitors;
    }

    @PostMapping("/app/monitors/bulk")
    String apply(Caller caller, @RequestParam(defaultValue = "") String action,
                 @RequestParam(name = "ids", required = false) List<String> ids,
                 @RequestParam(defaultValue = "false") boolean all,
                 @RequestParam(defaultValue = "") String tagId, @RequestParam(defaultValue = "") String channelId,
                 @RequestParam(defaultValue = "") String groupId,
                 @RequestParam(defaultValue = "false") boolean confirmed,
                 @ModelAttribute("filter") ListFilter filter, Model model, RedirectAttributes redirect) {
        String back = "redirect:/app/monitors" + filter.query();
        try {
            List<UUID> chosen = all ? null : uuids("ids", ids);
            if (!all && chosen.isEmpty()) {
                redirect.addFlashAttribute("problem", "Select monitors first (or all matching the filter).");
                return back;
            }
            boolean tags = action.equals("add_tags") || action.equals("remove_tags");
            boolean channel = action.equals("link_channel") || action.equals("unlink_channel");
            BulkRequest request = new BulkRequest(action, chosen, all ? filter.toFilter() : null,
                    tags ? uuids("tagId", tagId.isBlank() ? List.of() : List.of(tagId)) : null,
                    channel ? uuid("channelId", channelId) : null,
                    action.equals("move_to_group") ? uuid("groupId", groupId) : null);
            if (action.equals("delete") && !confirmed) {
                return confirmDelete(caller, request, filter, model);
            }
            BulkResult result = actions.apply(caller.writer(), request);
            redirect.addFlashAttribute("notice", DONE.getOrDefault(result.action(), "Changed") + " "
                    + result.changed() + " of " + result.matched() + " monitor" + (result.matched() == 1 ? "" : "s")
                    + ".");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().stream().map(FieldProblem::message)
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return back;
    }

    /** Names what would go, and posts their ids back with {@code confirmed}. */
    private String confirmDelete(Caller caller, BulkRequest request, ListFilter filter, Model model) {
        caller.writer();
        List<UUID> ids = request.monitorIds() != null ? request.monitorIds()
                : search.all(caller.workspaceId(), request.filter(), "");
        List<Monitor> found = monitors.findAllById(ids).stream()
                .filter(m -> m.getWorkspaceId().equals(caller.workspaceId()))
                .sorted(java.util.Comparator.comparing(Monitor::getName)).toList();
        model.addAttribute("count", found.size());
        model.addAttribute("ids", found.stream().map(Monitor::getId).toList());
        model.addAttribute("names", found.stream().limit(NAMES_SHOWN).map(Monitor::getName).toList());
        model.addAttribute("more", Math.max(0, found.size() - NAMES_SHOWN));
        model.addAttribute("back", "/app/monitors" + filter.query());
        return "dashboard/monitors/bulk-delete";
    }

    private static List<UUID> uuids(String field, List<String> values) {
        List<UUID> ids = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            ids.add(uuid(field, value));
        }
        return ids;
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of(field, field + " must be an id");
        }
    }
}
