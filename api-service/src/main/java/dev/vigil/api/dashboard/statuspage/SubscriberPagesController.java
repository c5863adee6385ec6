package dev.vigil.api.dashboard.statuspage;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.Deletion;
import dev.vigil.api.statuspage.StatusPageView;
import dev.vigil.api.statuspage.StatusPages;
import dev.vigil.api.subscription.SubscriberRoster;
import dev.vigil.api.subscription.SubscriberView;
import dev.vigil.api.web.Paging;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A status page's subscribers in the dashboard: how many, who (newest first, confirmed or pending), and removing one
 * after a confirmation. Viewers see the list; removing needs a writer.
 */
@Controller
@RequestMapping("/app/status-pages/{pageId}/subscribers")
class SubscriberPagesController {

    static final int PAGE_SIZE = 50;

    private final StatusPages pages;
    private final SubscriberRoster roster;

    SubscriberPagesController(StatusPages pages, SubscriberRoster roster) {
        this.pages = pages;
        this.roster = roster;
    }

    @GetMapping
    String list(Caller caller, @PathVariable UUID pageId, @RequestParam(required = false) String status,
                @RequestParam(defaultValue = "0") int page, Model model) {
        StatusPageView statusPage = pages.get(caller.reader(), pageId);
        SubscriberRoster.State state = SubscriberRoster.State.parse("status", status);
        Paging.Items<SubscriberView> found = roster.list(caller.reader(), pageId, state,
                Paging.of(Math.max(0, page), PAGE_SIZE));
        model.addAttribute("page", statusPage);
        model.addAttribute("counts", roster.counts(caller.reader(), pageId));
        model.addAttribute("subscribers", found.items());
        model.addAttribute("state", state == null ? "" : state.name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("pageNumber", found.page());
        model.addAttribute("lastPage", found.total() == 0 ? 0 : (int) ((found.total() - 1) / PAGE_SIZE));
        return "dashboard/statuspages/subscribers";
    }

    @GetMapping("/{subscriberId}/delete")
    String confirmRemove(Caller caller, @PathVariable UUID pageId, @PathVariable UUID subscriberId, Model model) {
        caller.writer();
        return removal(roster.get(caller.reader(), pageId, subscriberId), pageId).confirm(model);
    }

    @PostMapping("/{subscriberId}/delete")
    String remove(Caller caller, @PathVariable UUID pageId, @PathVariable UUID subscriberId,
                  RedirectAttributes redirect) {
        SubscriberView removed = roster.remove(caller.writer(), pageId, subscriberId);
        redirect.addFlashAttribute("notice", "Subscriber " + removed.label() + " removed.");
        return "redirect:/app/status-pages/" + pageId + "/subscribers";
    }

    private static Deletion removal(SubscriberView subscriber, UUID pageId) {
        String base = "/app/status-pages/" + pageId + "/subscribers";
        return new Deletion("subscriber", "Remove subscriber", subscriber.label(), "Nothing more is sent to it, "
                + "messages already queued included. It is not told, and may subscribe again on the public page.",
                base + "/" + subscriber.id() + "/delete", base);
    }
}
