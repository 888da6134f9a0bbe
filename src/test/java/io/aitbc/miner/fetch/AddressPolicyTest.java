package io.aitbc.miner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** D39's address classes, IPv4 and IPv6, including IPv4 addresses carried inside IPv6 ones. */
class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "public", value = {
            "8.8.8.8                | public", "1.1.1.1 | public", "93.184.216.34 | public",
            "2606:4700:4700::1111   | public", "2001:db8::1 | public", "172.32.0.1 | public", "100.128.0.1 | public",
            "127.0.0.1              | loopback", "127.255.0.9 | loopback", "::1 | loopback",
            "10.1.2.3               | private", "172.16.0.1 | private", "172.31.255.255 | private",
            "192.168.1.1            | private", "fc00::1 | private", "fd12:3456::1 | private", "fec0::1 | private",
            "169.254.1.1            | link-local", "fe80::1 | link-local",
            "169.254.169.254        | cloud metadata", "fd00:ec2::254 | cloud metadata",
            "100.64.0.1             | CGNAT", "100.127.255.254 | CGNAT",
            "224.0.0.1              | multicast", "239.1.1.1 | multicast", "ff02::1 | multicast",
            "0.0.0.0                | unspecified", "0.1.2.3 | unspecified", "::  | unspecified",
            "240.0.0.1              | reserved", "255.255.255.255 | reserved",
            "::ffff:127.0.0.1       | loopback", "::ffff:10.0.0.1 | private", "::127.0.0.1 | loopback",
            "64:ff9b::a9fe:a9fe     | cloud metadata", "2002:c0a8:0101::1 | private", "2002:0808:0808::1 | public" })
    void classifiesAddresses(String literal, String expected) throws Exception {
        assertThat(AddressPolicy.special(InetAddress.getByName(literal))).as(literal).isEqualTo(
                Optional.ofNullable(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "127.0.0.1 | false | true", "127.0.0.1 | true | false",
            "10.0.0.1 | true | false", "169.254.169.254 | true | true", "8.8.8.8 | false | false" })
    void privateAddressesPassOnlyWhenAllowedAndMetadataNever(String literal, boolean allowPrivate, boolean refused)
            throws Exception {
        assertThat(AddressPolicy.of(allowPrivate).refusal(InetAddress.getByName(literal)).isPresent())
                .isEqualTo(refused);
    }
}
