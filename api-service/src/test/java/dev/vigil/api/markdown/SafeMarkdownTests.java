package dev.vigil.api.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTests {

    @Test
    void rendersCommonMark() {
        assertThat(SafeMarkdown.toHtml("# Cause\n\nA **full** disk, see [runbook](https://example.com/rb).\n\n- one\n"))
                .contains("<h1>Cause</h1>").contains("<strong>full</strong>")
                .contains("<a href=\"https://example.com/rb\" rel=\"nofollow noopener noreferrer\">runbook</a>")
                .contains("<li>one</li>");
    }

    @Test
    void dropsScriptsInBlocksAndInline() {
        String html = SafeMarkdown.toHtml("<script>alert(1)</script>\n\nText <script>alert(2)</script> here\n\n"
                + "<div onclick=\"x()\">block</div>");
        assertThat(html).doesNotContain("script").doesNotContain("onclick").doesNotContain("<div")
                .contains("Text");
    }

    @Test
    void dropsJavascriptAndDataLinksAndImages() {
        String html = SafeMarkdown.toHtml("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) "
                + "[c](data:text/html;base64,PHNjcmlwdD4=) ![i](https://tracker.example/p.gif) "
                + "<a href=\"javascript:alert(3)\">d</a> <img src=x onerror=alert(4)>");
        assertThat(html.toLowerCase()).doesNotContain("javascript:").doesNotContain("data:").doesNotContain("<img")
                .doesNotContain("onerror").doesNotContain("tracker");
    }

    @Test
    void keepsNothingOfAnEmptyText() {
        assertThat(SafeMarkdown.toHtml("")).isEmpty();
        assertThat(SafeMarkdown.toHtml(null)).isEmpty();
    }
}
