package dev.vigil.api.variable;

import dev.vigil.api.identity.ApiPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/variables}: set, list (names only) and delete a workspace's variables. */
@RestController
class WorkspaceVariableController {

    private final WorkspaceVariables variables;

    WorkspaceVariableController(WorkspaceVariables variables) {
        this.variables = variables;
    }

    record VariablePage(List<WorkspaceVariables.VariableView> items) {
    }

    /** The value to set; it is sealed at once and never returned. */
    record VariableValue(String value) {
    }

    @GetMapping("/api/v1/variables")
    VariablePage list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new VariablePage(variables.list(caller));
    }

    @PutMapping("/api/v1/variables/{name}")
    ResponseEntity<Void> set(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String name,
                             @RequestBody VariableValue body) {
        boolean created = variables.set(caller, name, body == null ? null : body.value());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/api/v1/variables/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String name) {
        variables.delete(caller, name);
    }
}
