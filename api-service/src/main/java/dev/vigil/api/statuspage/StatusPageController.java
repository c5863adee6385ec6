package dev.vigil.api.statuspage;

import dev.vigil.api.identity.ApiPrincipal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Managing a workspace's status pages ({@code /api/v1/status-pages}); the public side is
 * {@link PublicStatusController}.
 */
@RestController
@RequestMapping("/api/v1/status-pages")
class StatusPageController {

    private final StatusPages pages;

    StatusPageController(StatusPages pages) {
        this.pages = pages;
    }

    @GetMapping
    Items list(@AuthenticationPrincipal ApiPrincipal caller) {
        return new Items(pages.list(caller));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StatusPageView create(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody StatusPageRequest request) {
        return pages.create(caller, request);
    }

    @GetMapping("/{id}")
    StatusPageView get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return pages.get(caller, id);
    }

    @PutMapping("/{id}")
    StatusPageView replace(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id,
                           @RequestBody StatusPageRequest request) {
        return pages.replace(caller, id, request);
    }

    /** Checks the custom domain's TXT challenge record; the page is served at the domain once it is found. */
    @PostMapping("/{id}/domain-verification")
    StatusPageView verifyDomain(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        return pages.verifyDomain(caller, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable UUID id) {
        pages.delete(caller, id);
    }

    record Items(List<StatusPageView> items) {
    }
}
