package dev.vigil.api.dashboard.variable;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.variable.WorkspaceVariables;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
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
 * Workspace variables: the names with when they were set, a form to set one (new or replaced), and delete. A refused
 * form is shown again with the name but never the value typed in: the page must not carry a secret back.
 */
@Controller
@RequestMapping("/app/variables")
class VariablePagesController {

    private final WorkspaceVariables variables;

    VariablePagesController(WorkspaceVariables variables) {
        this.variables = variables;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        return page(caller, model, FieldErrors.none(), "");
    }

    @PostMapping
    String set(Caller caller, @RequestParam(defaultValue = "") String name,
               @RequestParam(defaultValue = "") String value, HttpServletResponse response, Model model,
               RedirectAttributes redirect) {
        try {
            boolean created = variables.set(caller.writer(), name, value);
            redirect.addFlashAttribute("notice", "Variable " + name + (created ? " created." : " replaced."));
            return "redirect:/app/variables";
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(caller, model, FieldErrors.of(e.errors()), name);
        }
    }

    @PostMapping("/{name}/delete")
    String delete(Caller caller, @PathVariable String name, RedirectAttributes redirect) {
        try {
            variables.delete(caller.writer(), name);
            redirect.addFlashAttribute("notice", "Variable " + name + " deleted: checks naming it now fail.");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("problem", "No variable " + name + " in this workspace.");
        }
        return "redirect:/app/variables";
    }

    private String page(Caller caller, Model model, FieldErrors errors, String name) {
        model.addAttribute("variables", variables.list(caller.reader()));
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        return "dashboard/variables";
    }
}
