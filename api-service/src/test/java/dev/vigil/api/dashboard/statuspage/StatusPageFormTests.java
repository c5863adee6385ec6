package dev.vigil.api.dashboard.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.statuspage.StatusPageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusPageFormTests {

    private static final String A = UUID.randomUUID().toString();
    private static final String B = UUID.randomUUID().toString();

    private static List<String> names(StatusPageForm form) {
        return form.rows.stream().map(StatusPageForm.Row::getName).toList();
    }

    @Test
    void rowsFollowTheirOrderNumbersAndTiesKeepThePostedOrder() {
        Map<String, String> params = new HashMap<>(Map.of("slug", " shop ", "title", "Shop",
                "components[0].name", "first", "components[0].order", "5",
                "components[1].name", "second", "components[1].order", "5",
                "components[2].name", "third", "components[2].order", "1",
                "components[3].name", "fourth", "components[3].order", "not a number"));
        StatusPageForm form = StatusPageForm.from(params);
        assertThat(form.slug).isEqualTo("shop");
        assertThat(names(form)).containsExactly("third", "fourth", "first", "second");
    }

    @Test
    void moveRemoveAndAddRenumberTheRowsAndIgnoreNonsense() {
        StatusPageForm form = StatusPageForm.from(Map.of("components[0].name", "a", "components[1].name", "b",
                "components[2].name", "c"));
        form.apply("down:0");
        assertThat(names(form)).containsExactly("b", "a", "c");
        form.apply("up:2");
        assertThat(names(form)).containsExactly("b", "c", "a");
        form.apply("up:0");
        form.apply("down:2");
        form.apply("remove:99");
        form.apply("explode:1");
        form.apply("remove:x");
        assertThat(names(form)).containsExactly("b", "c", "a");
        form.apply("remove:1");
        form.addRow();
        assertThat(names(form)).containsExactly("b", "a", "");
        assertThat(form.rows.stream().map(StatusPageForm.Row::getOrder).toList()).containsExactly(1, 2, 3);
        form.dropBlankRows();
        assertThat(names(form)).containsExactly("b", "a");
    }

    @Test
    void theRequestKeepsRemovesOrSetsThePassword() {
        assertThat(StatusPageForm.from(Map.of("password", "")).request().password()).isNull();
        assertThat(StatusPageForm.from(Map.of("password", "new secret")).request().password())
                .isEqualTo("new secret");
        assertThat(StatusPageForm.from(Map.of("password", "ignored", "removePassword", "true")).request().password())
                .isEmpty();
    }

    @Test
    void theRequestCarriesIpsComponentsAndBlanksAsAbsent() {
        Map<String, String> params = new HashMap<>(Map.of("slug", "s", "title", "T", "logoUrl", " ",
                "allowedIps", "10.0.0.0/8\n 192.0.2.1, 2001:db8::/32\n\n"));
        params.putAll(Map.of("components[0].name", "Web", "components[0].monitorId", A,
                "components[0].group", "", "components[1].name", "Db", "components[1].monitorId", "not-a-uuid",
                "components[1].group", "Back", "components[2].name", "Api", "components[2].monitorId", B));
        StatusPageRequest request = StatusPageForm.from(params).request();
        assertThat(request.logoUrl()).isNull();
        assertThat(request.customDomain()).isNull();
        assertThat(request.allowedIps()).containsExactly("10.0.0.0/8", "192.0.2.1", "2001:db8::/32");
        assertThat(request.components()).containsExactly(
                new StatusPageRequest.ComponentRequest("Web", UUID.fromString(A), null, null),
                new StatusPageRequest.ComponentRequest("Db", null, "Back", null),
                new StatusPageRequest.ComponentRequest("Api", UUID.fromString(B), null, null));
    }

    @Test
    void noMoreThanTwoHundredRowsAreRead() {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < 999; i++) {
            params.put("components[" + i + "].name", "c" + i);
        }
        params.put("components[12345].name", "too far");
        assertThat(StatusPageForm.from(params).rows).hasSize(200);
    }
}
