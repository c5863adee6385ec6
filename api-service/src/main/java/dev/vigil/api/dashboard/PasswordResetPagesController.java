package dev.vigil.api.dashboard;

import dev.vigil.api.signin.PasswordResets;
import dev.vigil.api.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Forgotten passwords: asking for a link (the page says the same whether the address has an account) and choosing a
 * new password with it, which signs the account out everywhere, this browser included.
 */
@Controller
class PasswordResetPagesController {

    private final PasswordResets resets;

    PasswordResetPagesController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/forgot-password")
    String form(Model model) {
        model.addAttribute("requested", false);
        model.addAttribute("errors", FieldErrors.none());
        return "dashboard/forgot-password";
    }

    @PostMapping("/forgot-password")
    String request(@RequestParam(defaultValue = "") String email, HttpServletResponse response, Model model) {
        try {
            resets.request(email);
            model.addAttribute("requested", true);
            model.addAttribute("errors", FieldErrors.none());
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("requested", false);
            model.addAttribute("errors", FieldErrors.of(e.errors()));
        }
        return "dashboard/forgot-password";
    }

    /** The link of the reset mail: shows the form; the token is used only when the form is sent. */
    @GetMapping("/reset-password")
    String resetForm(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        boolean usable = resets.isUsable(token.strip());
        if (!usable) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("usable", usable);
        model.addAttribute("token", token.strip());
        model.addAttribute("errors", FieldErrors.none());
        return "dashboard/reset-password";
    }

    @PostMapping("/reset-password")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            resets.complete(token.strip(), password);
        } catch (InvalidRequestException e) {
            FieldErrors errors = FieldErrors.of(e.errors());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("usable", !errors.has("token"));
            model.addAttribute("token", token.strip());
            model.addAttribute("errors", errors);
            return "dashboard/reset-password";
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login?reset";
    }
}
