package dev.vigil.api.dashboard.audit;

import dev.vigil.api.audit.AuditEventView;
import dev.vigil.api.audit.AuditQueries;
import dev.vigil.api.audit.AuditResourceTypes;
import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.web.Paging;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The audit log, newest first, {@value #PAGE_SIZE} entries a page. The filter form works without script (a GET of the
 * page) and with htmx (the rows alone, the address kept in the history). Dates are days in the person's zone, "to"
 * included.
 */
@Controller
@RequestMapping("/app/audit")
class AuditPagesController {

    static final int PAGE_SIZE = 25;

    private final AuditQueries queries;

    AuditPagesController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    String page(Caller caller, @ModelAttribute("filter") AuditFilter filter, Model model) {
        rows(caller, filter, model);
        model.addAttribute("resourceTypes", AuditResourceTypes.ALL);
        return "dashboard/audit";
    }

    @GetMapping("/rows")
    String rows(Caller caller, @ModelAttribute("filter") AuditFilter filter, Model model) {
        List<String> problems = new ArrayList<>();
        Paging.Items<AuditEventView> entries = queries.page(caller.workspaceId(),
                filter.query(problems, DashboardTimes.of(caller.timeZone())), Paging.of(filter.getPage(), PAGE_SIZE));
        model.addAttribute("entries", entries);
        model.addAttribute("filterProblems", problems);
        model.addAttribute("lastPage", entries.total() == 0 ? 0 : (int) ((entries.total() - 1) / PAGE_SIZE));
        return "dashboard/audit :: rows";
    }
}
