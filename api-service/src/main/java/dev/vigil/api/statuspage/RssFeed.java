package dev.vigil.api.statuspage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The RSS 2.0 feed of a page beside its Atom feed, for readers and tools that take only RSS (Slack's RSS app, many
 * status aggregators): the same incidents and maintenance, newest first, dates in RFC 822 as RSS requires, each item
 * with a stable {@code guid} (the incident or window id) so readers show a change as the same item.
 */
final class RssFeed {

    static final String RSS = "application/rss+xml;charset=UTF-8";
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private RssFeed() {
    }

    private record Item(String guid, String title, String link, Instant date, String description) {
    }

    static Rendered render(StatusSnapshot s, String pageUrl) {
        List<Item> items = new ArrayList<>();
        List<StatusSnapshot.Incident> incidents = new ArrayList<>(s.activeIncidents());
        incidents.addAll(s.pastIncidents());
        for (StatusSnapshot.Incident i : incidents) {
            StringBuilder text = new StringBuilder();
            Instant last = i.resolvedAt() != null ? i.resolvedAt() : i.startedAt();
            for (StatusSnapshot.Update u : i.updates()) {
                text.append(u.statusLabel()).append(" (").append(RFC_822.format(u.createdAt())).append("): ")
                        .append(u.message()).append('\n');
                last = u.createdAt().isAfter(last) ? u.createdAt() : last;
            }
            if (text.isEmpty()) {
                text.append("Started ").append(RFC_822.format(i.startedAt()));
            }
            items.add(new Item(i.id().toString(), i.name() + " (" + i.statusLabel() + ")", pageUrl + "/history",
                    last, text.toString().strip()));
        }
        for (StatusSnapshot.Maintenance m : s.maintenances()) {
            items.add(new Item(m.id().toString(), "Maintenance: " + m.title(), pageUrl, m.startsAt(),
                    RFC_822.format(m.startsAt()) + " to " + RFC_822.format(m.endsAt()) + ". " + m.description()));
        }
        items.sort(Comparator.comparing(Item::date).reversed());
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
                .append("<title>").append(xml(s.page().title())).append(" status</title>\n")
                .append("<link>").append(xml(pageUrl)).append("</link>\n")
                .append("<description>").append(xml(s.page().title())).append(" status: incidents and maintenance")
                .append("</description>\n")
                .append("<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"").append(xml(pageUrl))
                .append("/feed.rss\"/>\n")
                .append("<lastBuildDate>").append(RFC_822.format(s.updatedAt())).append("</lastBuildDate>\n");
        for (Item item : items) {
            xml.append("<item>\n<title>").append(xml(item.title())).append("</title>\n<link>")
                    .append(xml(item.link())).append("</link>\n<guid isPermaLink=\"false\">urn:uuid:")
                    .append(item.guid()).append("</guid>\n<pubDate>").append(RFC_822.format(item.date()))
                    .append("</pubDate>\n<description>").append(xml(item.description()))
                    .append("</description>\n</item>\n");
        }
        xml.append("</channel>\n</rss>\n");
        return Rendered.of(xml.toString(), RSS);
    }

    private static String xml(String text) {
        // Characters XML 1.0 does not allow are dropped: tenants' words must not break a reader's parser.
        return HtmlUtils.htmlEscape(text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", ""), "UTF-8");
    }
}
