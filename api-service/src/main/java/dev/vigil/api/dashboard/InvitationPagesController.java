package dev.vigil.api.dashboard;

import dev.vigil.api.account.UserAccount;
import dev.vigil.api.member.InvitationAcceptor;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The link of an invitation mail: the invited person joins signed in as the account of the invited address (sign-in
 * brings them back here), or creates that account with a password if the address has none. Anyone else signed in is
 * told to sign in as the invited address; an unverified account is told to confirm its address first.
 */
@Controller
class InvitationPagesController {

    private final InvitationAcceptor acceptor;
    private final SessionSignIn sessions;

    InvitationPagesController(InvitationAcceptor acceptor, SessionSignIn sessions) {
        this.acceptor = acceptor;
        this.sessions = sessions;
    }

    @GetMapping("/invitation")
    String show(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        return page(token.strip(), response, model, FieldErrors.none());
    }

    @PostMapping("/invitation/accept")
    String accept(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        SignedInUser user = SessionSignIn.current().orElse(null);
        if (user == null) {
            return "redirect:/login?next=" + java.net.URLEncoder.encode("/invitation?token=" + token.strip(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            UUID workspaceId = acceptor.acceptAs(user.userId(), token.strip());
            request.getSession().setAttribute(CallerResolver.WORKSPACE_ATTRIBUTE, workspaceId);
            redirect.addFlashAttribute("notice", "You joined the workspace.");
            return "redirect:/app/monitors";
        } catch (ForbiddenException | ConflictException | InvalidRequestException e) {
            return problem(e, token.strip(), response, model);
        }
    }

    @PostMapping("/invitation/register")
    String register(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                    HttpServletRequest request, HttpServletResponse response, Model model,
                    RedirectAttributes redirect) {
        UserAccount user;
        try {
            user = acceptor.register(token.strip(), password);
        } catch (InvalidRequestException e) {
            if (e.errors().stream().anyMatch(f -> f.field().equals("password"))) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                return page(token.strip(), response, model, FieldErrors.of(e.errors()));
            }
            return problem(e, token.strip(), response, model);
        } catch (ConflictException e) {
            return problem(e, token.strip(), response, model);
        }
        sessions.signIn(user, request, response);
        redirect.addFlashAttribute("notice", "Your account is ready and you joined the workspace.");
        return "redirect:/app/monitors";
    }

    private String page(String token, HttpServletResponse response, Model model, FieldErrors errors) {
        var invitation = acceptor.describe(token).orElse(null);
        if (invitation == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        model.addAttribute("signedInAs", SessionSignIn.current().map(SignedInUser::email).orElse(null));
        return "dashboard/invitation";
    }

    private String problem(ErrorResponseException e, String token, HttpServletResponse response, Model model) {
        String view = page(token, response, model, FieldErrors.none());
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("problem", e.getBody().getDetail());
        return view;
    }
}
