package dev.vigil.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressClassifierTests {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "8.8.8.8, PUBLIC",
            "93.184.216.34, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "0.0.0.0, LOOPBACK",
            "10.1.2.3, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.1, PUBLIC",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "224.0.0.1, MULTICAST",
            "255.255.255.255, MULTICAST",
            "240.0.0.1, RESERVED",
            "192.0.2.10, RESERVED",
            "198.18.0.1, RESERVED",
            "::1, LOOPBACK",
            "::, LOOPBACK",
            "fe80::1, LINK_LOCAL",
            "fd00:ec2::254, PRIVATE",
            "fc00::1, PRIVATE",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
            "2606:4700:4700::1111, PUBLIC",
            "4000::1, RESERVED",
            // IPv6 forms that carry an IPv4 address are judged by that address.
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:8.8.8.8, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::808:808, PUBLIC",
            "2002:7f00:1::, LOOPBACK",
            "2002:a00:1::1, PRIVATE",
            "2002:808:808::1, PUBLIC"})
    void categorizesAddressesByWhereTheyLead(String address, AddressCategory expected) throws UnknownHostException {
        assertThat(AddressClassifier.categorize(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @Test
    void aMappedAddressKeptInItsSixteenByteFormIsStillUnwrapped() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 169, (byte) 254, (byte) 169,
                (byte) 254};
        InetAddress sixteenBytes = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(sixteenBytes.getAddress()).hasSize(16);
        assertThat(AddressClassifier.categorize(sixteenBytes)).isEqualTo(AddressCategory.LINK_LOCAL);
    }

    @Test
    void rangesParseAndRejectNonsense() throws UnknownHostException {
        IpRange range = IpRange.parse("10.1.0.0/16");

        assertThat(range.contains(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(IpRange.parse("fd00:ec2::/32").contains(InetAddress.getByName("fd00:ec2::254"))).isTrue();
        assertThat(IpRange.parse("169.254.169.254").contains(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThatThrownBy(() -> IpRange.parse("example.com/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    }
}
