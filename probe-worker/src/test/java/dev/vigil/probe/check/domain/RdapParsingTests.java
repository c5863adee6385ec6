package dev.vigil.probe.check.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** IANA's bootstrap file and RDAP domain objects, parsed. */
class RdapParsingTests {

    private static final String BOOTSTRAP = """
            {"version": "1.0", "publication": "2026-11-20T18:00:01Z", "description": "RDAP bootstrap file",
             "services": [
               [["com", "net"], ["https://rdap.verisign.com/com/v1/"]],
               [["org"], ["http://rdap.example.org/rdap", "https://rdap.publicinterestregistry.org/rdap/"]],
               [["co.uk"], ["https://rdap.example.uk/co/"]],
               [["uk"], ["https://rdap.nominet.uk/uk/"]]
             ]}
            """;

    @Test
    void findsTheRegistryOfTheLongestMatchingSuffixPreferringHttps() {
        RdapBootstrap bootstrap = RdapBootstrap.parse(BOOTSTRAP);

        assertThat(bootstrap.serverFor("www.Example.COM.")).contains(URI.create("https://rdap.verisign.com/com/v1/"));
        assertThat(bootstrap.serverFor("example.org"))
                .contains(URI.create("https://rdap.publicinterestregistry.org/rdap/"));
        assertThat(bootstrap.serverFor("shop.co.uk")).contains(URI.create("https://rdap.example.uk/co/"));
        assertThat(bootstrap.serverFor("example.uk")).contains(URI.create("https://rdap.nominet.uk/uk/"));
        assertThat(bootstrap.serverFor("example.zz")).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotABootstrapFile() {
        assertThatThrownBy(() -> RdapBootstrap.parse("{\"services\": 3}")).hasMessageContaining("no services");
        assertThatThrownBy(() -> RdapBootstrap.parse("<html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> RdapBootstrap.parse("{\"services\": [[[\"com\"], [\"ftp://x/\"]]]}"))
                .hasMessageContaining("names no RDAP server");
    }

    @Test
    void readsTheEarliestExpirationEventAndTheStatuses() {
        RdapDomain domain = RdapDomain.parse("""
                {"objectClassName": "domain", "ldhName": "EXAMPLE.COM",
                 "status": ["client transfer prohibited", "Active"],
                 "events": [
                   {"eventAction": "registration", "eventDate": "1995-08-14T04:00:00Z"},
                   {"eventAction": "expiration", "eventDate": "2027-08-13T04:00:00Z"},
                   {"eventAction": "expiration", "eventDate": "2027-08-14T04:00:00+02:00"},
                   {"eventAction": "last update of RDAP database", "eventDate": "2026-12-01T10:00:00Z"}]}
                """);

        assertThat(domain.expiration()).isEqualTo(Instant.parse("2027-08-13T04:00:00Z"));
        assertThat(domain.statuses()).containsExactly("client transfer prohibited", "active");
    }

    @Test
    void aDomainWithoutExpirationHasNone() {
        RdapDomain domain = RdapDomain.parse("""
                {"objectClassName": "domain", "events": [{"eventAction": "registration",
                 "eventDate": "2001-01-01T00:00:00Z"}]}""");

        assertThat(domain.expiration()).isNull();
    }

    @Test
    void refusesAnAnswerThatIsNotADomainObject() {
        assertThatThrownBy(() -> RdapDomain.parse("{\"errorCode\": 404, \"title\": \"Not Found\"}"))
                .hasMessageContaining("not an RDAP domain object");
    }
}
