package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.web.FieldProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostRulesTests {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "EXAMPLE.com.", "localhost", "a-b.example", "10.0.0.1", "::1", "[::1]",
            "2001:db8::1", "xn--bcher-kva.example", "255.255.255.255"})
    void acceptsNamesAndAddressesToConnectTo(String host) {
        FieldProblems problems = new FieldProblems();

        assertThat(HostRules.connectableHost(problems, "host", host)).isNotNull();
        assertThat(problems.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa_mple.com", "-bad.example", "bad-.example", "a..b", "1.2.3", "256.1.1.1",
            "bücher.example", "host name", "example.com/path", "http://example.com", ".:", ":::::", "1.2.3.4:80",
            "::1%eth0", "[::1", "a.123"})
    void refusesWhatIsNeitherANameNorAnAddress(String host) {
        FieldProblems problems = new FieldProblems();

        assertThat(HostRules.connectableHost(problems, "host", host)).isNull();
        assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_dmarc.example.com", "example.com", "_sip._tcp.example.com"})
    void dnsNamesMayHaveUnderscores(String name) {
        assertThat(HostRules.dnsName(new FieldProblems(), "host", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.9.9.9", "9.9.9.9:53", "[2620:fe::fe]:53", "2620:fe::fe", "[::1]"})
    void resolversAreAddressesWithAnOptionalPort(String resolver) {
        FieldProblems problems = new FieldProblems();

        assertThat(HostRules.resolver(problems, "resolver", resolver)).isEqualTo(resolver);
        assertThat(problems.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns.google", "9.9.9.9:0", "9.9.9.9:70000", "[2620:fe::fe]:x", "[2620:fe::fe]53",
            "9.9.9.9:53:53", "1.1.1"})
    void refusesResolversThatAreNotAddresses(String resolver) {
        FieldProblems problems = new FieldProblems();

        assertThat(HostRules.resolver(problems, "resolver", resolver)).isNull();
        assertThat(problems.isEmpty()).isFalse();
    }
}
