package dev.vigil.api.statuspage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a snapshot into its representations. HTML comes from the Thymeleaf templates under {@code templates/status/}
 * rendered outside any request (the result is cached and shared by every visitor, so nothing per-visitor may enter
 * it); summary.json follows docs/api.md's Statuspage-like shape.
 */
@Component
class StatusPageRenderer {

    static final String HTML = "text/html;charset=UTF-8";
    static final String JSON = "application/json";
    static final String ATOM = "application/atom+xml;charset=UTF-8";
    static final String SVG = "image/svg+xml;charset=UTF-8";

    private final ITemplateEngine templates;
    private final JsonMapper json;

    StatusPageRenderer(ITemplateEngine templates, JsonMapper json) {
        this.templates = templates;
        this.json = json;
    }

    /** @param base the path the page's links start with: {@code /status/{slug}}, or empty on a custom domain */
    Rendered page(StatusSnapshot snapshot, String base) {
        return Rendered.of(templates.process("status/page", context(snapshot, base)), HTML);
    }

    Rendered history(StatusSnapshot snapshot, String base) {
        return Rendered.of(templates.process("status/history", context(snapshot, base)), HTML);
    }

    /**
     * The embeddable view ({@code <iframe src=".../widget">}): the overall status and each component's, linking to the
     * full page in a new tab; the one answer that may be framed (ContentSecurityPolicies.STATUS_WIDGET).
     */
    Rendered widget(StatusSnapshot snapshot, String pageUrl) {
        Context context = context(snapshot, "");
        context.setVariable("pageUrl", pageUrl);
        return Rendered.of(templates.process("status/widget", context), HTML);
    }

    /** A small page of its own: the password form of a private page, a subscription's outcome. */
    String message(String title, String heading, String text, String base, boolean passwordForm, boolean failed) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("title", title);
        context.setVariable("heading", heading);
        context.setVariable("text", text);
        context.setVariable("base", base);
        context.setVariable("passwordForm", passwordForm);
        context.setVariable("failed", failed);
        return templates.process("status/message", context);
    }

    Rendered summary(StatusSnapshot s) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("page", ordered("slug", s.page().slug(), "title", s.page().title(),
                "updatedAt", s.updatedAt().toString()));
        document.put("status", ordered("indicator", s.indicator(), "description", s.description()));
        document.put("components", s.components().stream().map(c -> ordered("id", c.id().toString(),
                "name", c.name(), "group", c.group(), "status", c.status(), "uptime90d", c.uptime90d())).toList());
        document.put("incidents", s.activeIncidents().stream().map(StatusPageRenderer::incident).toList());
        document.put("scheduledMaintenances", s.maintenances().stream().map(m -> ordered("id", m.id().toString(),
                "name", m.title(), "description", m.description(), "status", m.status(),
                "scheduledFor", m.startsAt().toString(), "scheduledUntil", m.endsAt().toString(),
                "components", m.components())).toList());
        return Rendered.of(json.writeValueAsString(document), JSON);
    }

    private static Map<String, Object> incident(StatusSnapshot.Incident i) {
        return ordered("id", i.id().toString(), "name", i.name(), "status", i.status(), "impact", i.impact(),
                "startedAt", i.startedAt().toString(), "resolvedAt", i.resolvedAt() == null ? null
                        : i.resolvedAt().toString(), "components", i.components(),
                "updates", i.updates().stream().map(u -> ordered("status", u.status(), "body", u.message(),
                        "createdAt", u.createdAt().toString())).toList());
    }

    /** The feed of incidents (active and past) and maintenance, newest first. */
    Rendered atom(StatusSnapshot s, String pageUrl) {
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.append("<id>urn:uuid:").append(s.page().id()).append("</id>\n");
        xml.append("<title>").append(xml(s.page().title())).append(" status</title>\n");
        xml.append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(pageUrl)).append("\"/>\n");
        xml.append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(xml(pageUrl))
                .append("/feed.atom\"/>\n");
        List<StatusSnapshot.Incident> incidents = new java.util.ArrayList<>(s.activeIncidents());
        incidents.addAll(s.pastIncidents());
        Instant newest = incidents.stream().map(StatusPageRenderer::lastChange).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        for (StatusSnapshot.Maintenance m : s.maintenances()) {
            newest = m.startsAt().isAfter(newest) && m.startsAt().isBefore(s.updatedAt()) ? m.startsAt() : newest;
        }
        xml.append("<updated>").append(newest).append("</updated>\n");
        for (StatusSnapshot.Incident i : incidents) {
            xml.append("<entry>\n<id>urn:uuid:").append(i.id()).append("</id>\n<title>").append(xml(i.name()))
                    .append(" (").append(xml(i.statusLabel())).append(")</title>\n<updated>").append(lastChange(i))
                    .append("</updated>\n<published>").append(i.startedAt()).append("</published>\n")
                    .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(pageUrl))
                    .append("/history\"/>\n<content type=\"text\">");
            if (i.updates().isEmpty()) {
                xml.append(xml("Started " + time(i.startedAt())));
            }
            for (StatusSnapshot.Update u : i.updates()) {
                xml.append(xml(u.statusLabel() + " (" + time(u.createdAt()) + "): " + u.message())).append('\n');
            }
            xml.append("</content>\n</entry>\n");
        }
        for (StatusSnapshot.Maintenance m : s.maintenances()) {
            xml.append("<entry>\n<id>urn:uuid:").append(m.id()).append("</id>\n<title>Maintenance: ")
                    .append(xml(m.title())).append("</title>\n<updated>").append(m.startsAt())
                    .append("</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(pageUrl))
                    .append("\"/>\n<content type=\"text\">")
                    .append(xml(time(m.startsAt()) + " to " + time(m.endsAt()) + ". " + m.description()))
                    .append("</content>\n</entry>\n");
        }
        xml.append("</feed>\n");
        return Rendered.of(xml.toString(), ATOM);
    }

    private static Instant lastChange(StatusSnapshot.Incident i) {
        Instant last = i.resolvedAt() != null ? i.resolvedAt() : i.startedAt();
        for (StatusSnapshot.Update u : i.updates()) {
            last = u.createdAt().isAfter(last) ? u.createdAt() : last;
        }
        return last;
    }

    /** A shields-style badge: a grey label, a coloured value. */
    Rendered badge(String label, String value, String color) {
        int left = 8 + 7 * label.length();
        int right = 8 + 7 * value.length();
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" aria-label="%3$s: %4$s">\
                <title>%3$s: %4$s</title><rect width="%2$d" height="20" fill="#555"/>\
                <rect x="%2$d" width="%5$d" height="20" fill="%6$s"/>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%7$d" y="14">%3$s</text><text x="%8$d" y="14">%4$s</text></g></svg>
                """.formatted(left + right, left, xml(label), xml(value), right, color, left / 2,
                left + right / 2);
        return Rendered.of(svg, SVG);
    }

    static String color(String status) {
        return switch (status) {
            case "operational" -> "#2e9e4f";
            case "degraded_performance" -> "#d9a300";
            case "partial_outage" -> "#e8731c";
            case "under_maintenance" -> "#3b7dd8";
            default -> "#d6403a";
        };
    }

    private Context context(StatusSnapshot snapshot, String base) {
        // The page's language picks the bundle of fixed words (i18n/status_<language>.properties).
        Context context = new Context(Locale.forLanguageTag(snapshot.page().language()));
        context.setVariable("s", snapshot);
        context.setVariable("base", base);
        context.setVariable("fmt", new Formats());
        return context;
    }

    static String time(Instant instant) {
        return Formats.TIME.format(instant);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Formatting helpers the templates call ({@code ${fmt.time(x)}}). */
    public static final class Formats {

        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);

        public String time(Instant instant) {
            return instant == null ? "" : TIME.format(instant);
        }

        /** A fixed phrase as a message key: "All Systems Operational" is {@code all_systems_operational}. */
        public String key(String phrase) {
            return phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        }

        public String percent(Double value) {
            return value == null ? "no data" : String.format(Locale.ROOT, "%.2f%%", value);
        }
    }
}
