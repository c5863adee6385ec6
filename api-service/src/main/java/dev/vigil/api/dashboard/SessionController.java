package dev.vigil.api.dashboard;

import dev.vigil.api.signup.AccountRegistrar;
import dev.vigil.api.signup.EmailAlreadyRegisteredException;
import dev.vigil.api.signup.SignupRequest;
import dev.vigil.api.signup.SignupResponse;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up (which signs the new person in and mails the address a verification link) and the workspace switcher. */
@Controller
class SessionController {

    private final AccountRegistrar registrar;
    private final UserAccountRepository users;
    private final SessionSignIn sessions;

    SessionController(AccountRegistrar registrar, UserAccountRepository users, SessionSignIn sessions) {
        this.registrar = registrar;
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/app/monitors";
    }

    @GetMapping("/app")
    String app() {
        return "redirect:/app/monitors";
    }

    @GetMapping("/signup")
    String signupForm(Model model) {
        model.addAttribute("form", new SignupRequest("", "", ""));
        model.addAttribute("errors", FieldErrors.none());
        return "dashboard/signup";
    }

    @PostMapping("/signup")
    String signup(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String workspace, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        SignupRequest form = new SignupRequest(email, "", workspace);
        SignupResponse created;
        try {
            created = registrar.register(new SignupRequest(email, password, workspace).validated());
        } catch (InvalidRequestException e) {
            return signupFailed(form, FieldErrors.of(e.errors()), response, model);
        } catch (EmailAlreadyRegisteredException e) {
            return signupFailed(form, FieldErrors.none().add("email", "This email is already registered; sign in "
                    + "instead."), response, model);
        }
        UserAccount user = users.findByEmail(email.strip()).orElseThrow();
        sessions.signIn(user, request, response);
        request.getSession().setAttribute(CallerResolver.WORKSPACE_ATTRIBUTE, created.workspaceId());
        // The first API key is shown this once, like any new key; it is kept only until the next page shows it.
        redirect.addFlashAttribute("newKey", created.apiKey());
        redirect.addFlashAttribute("notice", "We mailed a link to " + user.getEmail() + ": open it to confirm the "
                + "address. Until then you cannot join other workspaces or receive alerts.");
        return "redirect:/app/monitors";
    }

    @PostMapping("/app/workspace")
    String switchWorkspace(Caller caller, @RequestParam UUID workspaceId, HttpServletRequest request) {
        if (caller.workspaces().stream().anyMatch(w -> w.id().equals(workspaceId))) {
            request.getSession().setAttribute(CallerResolver.WORKSPACE_ATTRIBUTE, workspaceId);
        }
        return "redirect:/app/monitors";
    }

    private static String signupFailed(SignupRequest form, FieldErrors errors, HttpServletResponse response,
                                       Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "dashboard/signup";
    }
}
