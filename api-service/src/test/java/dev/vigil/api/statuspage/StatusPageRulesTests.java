package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusPageRulesTests {

    @Test
    void allowListEntriesAreLiteralAddressesOrRangesNeverHostNames() {
        assertThat(StatusPageRules.isIpOrCidr("203.0.113.7")).isTrue();
        assertThat(StatusPageRules.isIpOrCidr("203.0.113.0/24")).isTrue();
        assertThat(StatusPageRules.isIpOrCidr("2001:db8::/32")).isTrue();
        assertThat(StatusPageRules.isIpOrCidr("::1")).isTrue();
        assertThat(StatusPageRules.isIpOrCidr("10.0.0.0/33")).isFalse();
        assertThat(StatusPageRules.isIpOrCidr("256.1.1.1")).isFalse();
        assertThat(StatusPageRules.isIpOrCidr("example.com")).isFalse();
        assertThat(StatusPageRules.isIpOrCidr("abcd")).isFalse();
        assertThat(StatusPageRules.isIpOrCidr("1.2.3.4/8/8")).isFalse();
        assertThat(StatusPageRules.isIpOrCidr("::1/129")).isFalse();
    }

    @Test
    void gzipIsSentOnlyToClientsThatTakeIt() {
        assertThat(PublicStatusController.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(PublicStatusController.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(PublicStatusController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(PublicStatusController.acceptsGzip("gzip; q=0.0")).isFalse();
        assertThat(PublicStatusController.acceptsGzip("identity")).isFalse();
        assertThat(PublicStatusController.acceptsGzip(null)).isFalse();
    }

    @Test
    void etagsMatchListsWeakFormsAndTheWildcard() {
        Rendered rendered = Rendered.of("<p>hello</p>", StatusPageRenderer.HTML);

        assertThat(Rendered.matches("\"other\", " + rendered.etag(), rendered.etag())).isTrue();
        assertThat(Rendered.matches("W/" + rendered.etag(), rendered.etag())).isTrue();
        assertThat(Rendered.matches("*", rendered.etag())).isTrue();
        assertThat(Rendered.matches(rendered.etag(), rendered.gzipEtag())).isFalse();
        assertThat(Rendered.matches(null, rendered.etag())).isFalse();
        assertThat(rendered.gzipped().length).isPositive();
    }
}
