package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.group.GroupRequest;
import dev.vigil.api.group.MonitorGroups;
import dev.vigil.api.tag.TagRequest;
import dev.vigil.api.tag.TagView;
import dev.vigil.api.tag.Tags;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The monitor list's small forms for a new tag and a new group, through the API's {@link Tags} and groups. */
@Controller
class LabelPagesController {

    private final Tags tags;
    private final MonitorGroups groups;

    LabelPagesController(Tags tags, MonitorGroups groups) {
        this.tags = tags;
        this.groups = groups;
    }

    @PostMapping("/app/tags")
    String createTag(Caller caller, @RequestParam(defaultValue = "") String name,
                     @RequestParam(defaultValue = "") String color, RedirectAttributes redirect) {
        try {
            TagView tag = tags.create(caller.writer(), new TagRequest(name, color));
            redirect.addFlashAttribute("notice", "Tag \"" + tag.name() + "\" created.");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().stream().map(FieldProblem::message)
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/monitors";
    }

    @PostMapping("/app/monitor-groups")
    String createGroup(Caller caller, @RequestParam(defaultValue = "") String name,
                       @RequestParam(defaultValue = "") String parentId, RedirectAttributes redirect) {
        try {
            UUID parent = parentId.isBlank() ? null : UUID.fromString(parentId.strip());
            redirect.addFlashAttribute("notice", "Group \"" + groups.create(caller.writer(),
                    new GroupRequest(name, parent)).path() + "\" created.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Choose a parent group from the list.");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.errors().stream().map(FieldProblem::message)
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/monitors";
    }
}
