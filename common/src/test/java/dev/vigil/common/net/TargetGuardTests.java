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

        assertThatThrownBy(() -> guard.resolve("169.254.169.254")).isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.resolve("[::ffff:127.0.0.1]")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> guard.resolve("0.0.0.0")).isInstanceOf(BlockedAddressException.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void onlyThePermittedAddressesOfAMixedAnswerAreReturned() throws UnknownHostException {
        InetAddress internal = InetAddress.getByName("10.0.0.5");
        InetAddress external = InetAddress.getByName("93.184.216.34");
        TargetGuard guard = new TargetGuard(TargetPolicy.publicOnly(), host -> List.of(internal, external));

        assertThat(guard.resolve("mixed.example")).containsExactly(external);
    }

    @Test
    void allowingPrivateTargetsPermitsLoopbackButDeniedRangesStillWin() throws UnknownHostException {
        TargetGuard local = new TargetGuard(TargetPolicy.allowingPrivate()
                .withDeniedRanges(List.of(IpRange.parse("169.254.169.254/32"))));

        assertThat(local.resolve("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> local.resolve("169.254.169.254")).isInstanceOf(BlockedAddressException.class)
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
