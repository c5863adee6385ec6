package dev.vigil.api.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * CommonMark to sanitised HTML. Two layers, because either alone has been bypassed in other products: raw HTML the
 * tenant typed (blocks and inline tags) is removed from the parsed document before rendering, and the renderer drops
 * unsafe link schemes; then jsoup keeps only an allow-list of tags, attributes and URL schemes (http, https, mailto)
 * of what is left. Images are dropped (a tenant's image on a public page is a tracking pixel on its visitors).
 */
public final class SafeMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    /** Collects the raw HTML nodes of a document, to unlink them once the walk is over. */
    private static final class RawHtml extends AbstractVisitor {

        private final List<Node> found = new ArrayList<>();

        @Override
        public void visit(HtmlBlock block) {
            found.add(block);
        }

        @Override
        public void visit(HtmlInline inline) {
            found.add(inline);
        }
    }
    private static final Safelist ALLOWED = Safelist.relaxed().removeTags("img")
            .removeProtocols("a", "href", "ftp")
            .preserveRelativeLinks(false);

    private SafeMarkdown() {
    }

    /** The HTML of {@code markdown}, safe to insert into a page unescaped. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        Node document = PARSER.parse(markdown);
        RawHtml raw = new RawHtml();
        document.accept(raw);
        raw.found.forEach(Node::unlink);
        String html = RENDERER.render(document);
        Document clean = Jsoup.parseBodyFragment(Jsoup.clean(html, ALLOWED));
        // Links leave the status page: no referrer, no ranking credit for whatever a tenant links to.
        clean.select("a").attr("rel", "nofollow noopener noreferrer");
        return clean.body().html();
    }
}
