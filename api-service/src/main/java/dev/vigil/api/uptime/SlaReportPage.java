package dev.vigil.api.uptime;

import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The printable HTML of an {@link SlaReport} (template {@code reports/uptime}); every value escaped. */
@Component
public class SlaReportPage {

    private final ITemplateEngine templates;

    SlaReportPage(ITemplateEngine templates) {
        this.templates = templates;
    }

    public String render(SlaReport report) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("r", report);
        return templates.process("reports/uptime", context);
    }
}
