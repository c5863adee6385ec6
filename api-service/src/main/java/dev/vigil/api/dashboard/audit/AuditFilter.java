package dev.vigil.api.dashboard.audit;

import dev.vigil.api.audit.AuditQueries;
import dev.vigil.api.audit.AuditResourceTypes;
import dev.vigil.api.dashboard.DashboardTimes;
import dev.vigil.api.web.Paging;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit page's filter as its form and links carry it: blank for any. A date that is not one, or an unknown
 * resource type, is ignored with a note rather than refused: the page still shows the log.
 */
public class AuditFilter {

    private String actor = "";
    private String action = "";
    private String resourceType = "";
    private String from = "";
    private String to = "";
    private int page;

    /**
     * The query: dates are days in the person's zone ({@code times}), "to" included; {@code problems} gets a note for
     * each part ignored.
     */
    AuditQueries.Filter query(List<String> problems, DashboardTimes times) {
        String type = AuditResourceTypes.ALL.contains(resourceType) ? resourceType : null;
        if (!resourceType.isBlank() && type == null) {
            problems.add("The resource type \"" + resourceType + "\" is unknown and was ignored.");
        }
        LocalDate fromDay = day(from, "from", problems);
        LocalDate toDay = day(to, "to", problems);
        return new AuditQueries.Filter(type, null, text(actor), text(action),
                times.startOfDay(fromDay), toDay == null ? null : times.startOfDay(toDay.plusDays(1)));
    }

    /** This filter's query string at another page. */
    public String at(int other) {
        return UriComponentsBuilder.newInstance().queryParam("actor", actor).queryParam("action", action)
                .queryParam("resourceType", resourceType).queryParam("from", from).queryParam("to", to)
                .queryParam("page", other).encode().build().toUriString();
    }

    private static LocalDate day(String value, String name, List<String> problems) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add("The \"" + name + "\" date is not a date (YYYY-MM-DD) and was ignored.");
            return null;
        }
    }

    private static String text(String value) {
        return value.isBlank() ? null : value.length() > 254 ? value.substring(0, 254) : value;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = clean(actor);
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = clean(action);
    }

    public String getResourceType() {
        return resourceType;
    }

    public void setResourceType(String resourceType) {
        this.resourceType = clean(resourceType);
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = clean(from);
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = clean(to);
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.clamp(page, 0, Paging.MAX_PAGE);
    }
}
