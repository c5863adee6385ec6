package dev.vigil.api.dashboard.team;

import dev.vigil.api.identity.Role;
import dev.vigil.api.apikey.ApiKeyRequest;
import dev.vigil.api.apikey.ApiKeyView;
import dev.vigil.api.apikey.ApiKeys;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.InvalidRequestException;
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
 * API keys: the list (prefixes only, never a key), creating one (the key is shown on the next page only, once), and
 * revoking, through the same {@link ApiKeys} service as the API, so the key rules stay one set.
 */
@Controller
@RequestMapping("/app/api-keys")
class ApiKeyPagesController {

    private final ApiKeys keys;

    ApiKeyPagesController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        return page(caller, model, FieldErrors.none(), "");
    }

    @PostMapping
    String create(Caller caller, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String role, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        try {
            ApiKeyView created = keys.create(caller.writer(), new ApiKeyRequest(name, role.isBlank() ? null : role));
            // Shown once: a flash attribute lives for the next page only, and is never stored anywhere else.
            redirect.addFlashAttribute("newKey", created.key());
            redirect.addFlashAttribute("notice", "Key \"" + created.name() + "\" created.");
            return "redirect:/app/api-keys";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(caller, model, FieldErrors.of(e.errors()), name);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", e.getBody().getDetail());
            return page(caller, model, FieldErrors.none(), name);
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            keys.revoke(caller.writer(), id);
            redirect.addFlashAttribute("notice", "Key revoked: it stops working with the next request.");
        } catch (ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("problem", e.getBody().getDetail());
        }
        return "redirect:/app/api-keys";
    }

    private String page(Caller caller, Model model, FieldErrors errors, String name) {
        model.addAttribute("keys", keys.list(caller.reader()));
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        return "dashboard/api-keys";
    }
}
