package dev.vigil.api.statuspage;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public incident history by month (with its filters) and the page of one incident (timeline and published
 * postmortem). Like the page itself, rendered outside any request from what the archive read: the postmortem is
 * inserted unescaped only as the sanitised HTML of {@code SafeMarkdown}.
 */
@Component
class IncidentPagesRenderer {

    private final ITemplateEngine templates;

    IncidentPagesRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    Rendered month(StatusSnapshot s, String base, YearMonth month, UUID component, String impact,
                   List<StatusSnapshot.Incident> incidents, YearMonth first, YearMonth last) {
        Context context = context(s, base);
        context.setVariable("month", month);
        context.setVariable("monthLabel", month.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                Locale.ENGLISH) + " " + month.getYear());
        context.setVariable("previous", month.isAfter(first) ? month.minusMonths(1).toString() : null);
        context.setVariable("next", month.isBefore(last) ? month.plusMonths(1).toString() : null);
        context.setVariable("component", component == null ? "" : component.toString());
        context.setVariable("impact", impact == null ? "" : impact);
        context.setVariable("incidents", incidents);
        return Rendered.of(templates.process("status/incidents", context), StatusPageRenderer.HTML);
    }

    Rendered incident(StatusSnapshot s, String base, IncidentArchive.Story story) {
        Context context = context(s, base);
        context.setVariable("i", story.incident());
        context.setVariable("timeline", story.incident().updates().reversed());
        context.setVariable("postmortem", story.postmortemHtml());
        context.setVariable("postmortemPublishedAt", story.postmortemPublishedAt());
        return Rendered.of(templates.process("status/incident", context), StatusPageRenderer.HTML);
    }

    private static Context context(StatusSnapshot s, String base) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("s", s);
        context.setVariable("base", base);
        context.setVariable("fmt", new StatusPageRenderer.Formats());
        return context;
    }
}
