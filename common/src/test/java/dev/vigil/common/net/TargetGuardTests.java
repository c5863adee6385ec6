package dev.vigil.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetGuardTests {

    private final TargetGuard saas = new TargetGuard(TargetPolicy.publicOnly());

    @Test
    void aNameResolvingToLoopbackIsRefusedInSaasMode() {
        // "localhost" is a real name in /etc/hosts resolving to 127.0.0.1 (and ::1).
        assertThatThrownBy(() -> saas.resolve("localhost"))
                .isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("localhost")
                .hasMessageContaining("loopback");
    }

    @Test
    void literalsAreVettedWithoutAnyLookup() {
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard guard = new TargetGuard(TargetPolicy.publicOnly(), host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> guard.resolve("169.254.1.1")).isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.resolve("[::ffff:127.0.0.1]")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> guard.resolve("0.0.0.0")).isInstanceOf(BlockedAddressException.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aNameWithAnyRefusedAddressIsRefusedWhole() throws UnknownHostException {
        InetAddress internal = InetAddress.getByName("10.0.0.5");
        InetAddress external = InetAddress.getByName("93.184.216.34");

        for (List<InetAddress> answer : List.of(List.of(internal, external), List.of(external, internal))) {
            TargetGuard guard = new TargetGuard(TargetPolicy.publicOnly(), host -> answer);
            assertThatThrownBy(() -> guard.resolve("mixed.example")).isInstanceOf(BlockedAddressException.class)
                    .hasMessageContaining("10.0.0.5").hasMessageContaining("private");
        }
        TargetGuard allPublic = new TargetGuard(TargetPolicy.publicOnly(), host -> List.of(external));
        assertThat(allPublic.resolve("public.example")).containsExactly(external);
    }

    @Test
    void cloudMetadataAddressesAreRefusedEvenWhereEverythingInternalIsAllowed() {
        TargetGuard local = new TargetGuard(TargetPolicy.of(true,
                List.of(IpRange.parse("0.0.0.0/0"), IpRange.parse("::/0")), List.of()));

        for (String metadata : List.of("169.254.169.254", "[fd00:ec2::254]", "100.100.100.200", "169.254.170.2",
                "[::ffff:169.254.169.254]", "168.63.129.16")) {
            assertThatThrownBy(() -> local.resolve(metadata)).as(metadata)
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("cloud metadata");
        }
    }

    @Test
    void allowingPrivateTargetsPermitsLoopbackButDeniedRangesStillWin() throws UnknownHostException {
        TargetGuard local = new TargetGuard(TargetPolicy.allowingPrivate()
                .withDeniedRanges(List.of(IpRange.parse("10.9.9.0/24"))));

        assertThat(local.resolve("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> local.resolve("10.9.9.9")).isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("denied range");
        assertThatThrownBy(() -> local.resolve("224.0.0.1")).isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void anAllowedRangeOpensOneInternalNetworkInSaasMode() throws UnknownHostException {
        TargetGuard guard = new TargetGuard(TargetPolicy.publicOnly()
                .withAllowedRanges(List.of(IpRange.parse("127.0.0.2/32"))));

        assertThat(guard.resolve("127.0.0.2")).hasSize(1);
        assertThatThrownBy(() -> guard.resolve("127.0.0.1")).isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void guardedSocketsRefuseToConnectToAnUnpermittedAddress() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = saas.socketFactory().createSocket()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());

            assertThatThrownBy(() -> socket.connect(target, 1000)).isInstanceOf(BlockedAddressException.class);
            assertThat(socket.isConnected()).isFalse();
        }
    }

    @Test
    void guardedSocketsConnectWhereThePolicyAllows() throws IOException {
        TargetGuard local = new TargetGuard(TargetPolicy.allowingPrivate());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = local.socketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 1000);

            assertThat(socket.isConnected()).isTrue();
        }
    }
}
