package dev.vigil.probe.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which resolvers DNS checks without their own are sent to, and what target names are resolved with. */
class DnsCheckResolversTests {

    private static ResolverProperties dns(List<String> checkResolvers, List<String> nameServers) {
        return new ResolverProperties(checkResolvers, nameServers, Duration.ofMillis(300));
    }

    @Test
    void saasModeSendsThemToPublicResolversNeverTheWorkersOwn() throws UnknownHostException {
        DnsCheckResolvers saas = DnsCheckResolvers.forDeployment(false, dns(List.of(), List.of()));

        assertThat(saas.usesSystemResolver()).isFalse();
        assertThat(saas.servers()).extracting(InetSocketAddress::getHostString).containsExactly("1.1.1.1", "8.8.8.8");
    }

    @Test
    void selfHostersKeepTheMachinesResolverUnlessTheyChooseOthers() throws UnknownHostException {
        assertThat(DnsCheckResolvers.forDeployment(true, dns(List.of(), List.of())).usesSystemResolver()).isTrue();

        DnsCheckResolvers chosen = DnsCheckResolvers.forDeployment(true,
                dns(List.of("9.9.9.9", "[2620:fe::fe]:5353"), List.of()));
        assertThat(chosen.servers()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353);
        assertThat(chosen.servers().getFirst().getHostString()).isEqualTo("9.9.9.9");
    }

    @Test
    void aResolverThatIsNotAnAddressStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> dns(List.of("dns.internal"), List.of()))
                .hasMessageContaining("vigil.probe.dns.check-resolvers");
        assertThatThrownBy(() -> dns(List.of(), List.of("10.0.0.2:99999")))
                .hasMessageContaining("vigil.probe.dns.name-servers");
    }

    @Test
    void targetNamesResolveThroughTheConfiguredNameServersNotTheMachines() {
        // Nothing answers on 127.0.0.1:9: "localhost" (in /etc/hosts) must not resolve by falling back to the machine.
        assertThatThrownBy(() -> ProbeNetworkConfiguration.targetResolver(dns(List.of(), List.of("127.0.0.1:9")))
                .resolve("localhost")).isInstanceOf(UnknownHostException.class);
    }
}
