package dev.vigil.api.dashboard.team;

import dev.vigil.api.identity.Role;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.member.MemberRequests;
import dev.vigil.api.member.MemberRoster;
import dev.vigil.api.member.MemberView;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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
 * Members of the workspace: invite by email (the invitation is mailed to the address, and only its owner can accept
 * it), change a role, remove (or withdraw an invitation). The roster's rules decide (an admin cannot touch owners, the last owner stays).
 */
@Controller
@RequestMapping("/app/members")
class MemberPagesController {

    private final MemberRoster roster;

    MemberPagesController(MemberRoster roster) {
        this.roster = roster;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        return page(caller, model, FieldErrors.none(), "", "VIEWER");
    }

    @PostMapping
    String invite(Caller caller, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String role, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            MemberView added = roster.add(caller.writer(), new MemberRequests.AddMember(email, role));
            redirect.addFlashAttribute("notice", "Invitation mailed to " + added.email() + " (" + added.role()
                    + "); they join when they accept it.");
            return "redirect:/app/members";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(caller, model, FieldErrors.of(e.errors()), email, role);
        } catch (ConflictException | ForbiddenException e) {
            response.setStatus(e.getStatusCode().value());
            model.addAttribute("problem", e.getBody().getDetail());
            return page(caller, model, FieldErrors.none(), email, role);
        }
    }

    @PostMapping("/{userId}/role")
    String changeRole(Caller caller, @PathVariable UUID userId, @RequestParam(defaultValue = "") String role,
                      RedirectAttributes redirect) {
        try {
            MemberView changed = roster.changeRole(caller.writer(), userId, new MemberRequests.ChangeRole(role));
            redirect.addFlashAttribute("notice", changed.email() + " is now " + changed.role() + ".");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        } catch (ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/members";
    }

    @PostMapping("/{userId}/remove")
    String remove(Caller caller, @PathVariable UUID userId, RedirectAttributes redirect) {
        try {
            roster.remove(caller.writer(), userId);
            redirect.addFlashAttribute("notice", "Member removed; their API keys in this workspace are revoked.");
        } catch (ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/members";
    }

    private String page(Caller caller, Model model, FieldErrors errors, String email, String role) {
        Paging.Items<MemberView> members = roster.list(caller.workspaceId(), Paging.of(0, Paging.MAX_SIZE));
        model.addAttribute("members", members.items());
        model.addAttribute("total", members.total());
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("errors", errors);
        model.addAttribute("email", email);
        model.addAttribute("role", role);
        return "dashboard/members";
    }
}
