package dev.vigil.api.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

class HtmlTextTests {

    @Test
    void escapesExactlyAsSpringsHtmlEscapeForAUtf8Page() {
        String alphabet = "<>&\"' aZ09·–…é/\\=`\n\t\u0000😀";
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String expected = HtmlUtils.htmlEscape(text.toString(), "UTF-8");
            assertThat(HtmlText.escape(text.toString())).isEqualTo(expected);
            assertThat(HtmlText.escape(new StringBuilder("x"), text.toString()).toString()).isEqualTo("x" + expected);
        }
    }

    @Test
    void nothingIsAnEmptyText() {
        assertThat(HtmlText.escape(null)).isEmpty();
        assertThat(HtmlText.escape(new StringBuilder("a"), null).toString()).isEqualTo("a");
    }
}
