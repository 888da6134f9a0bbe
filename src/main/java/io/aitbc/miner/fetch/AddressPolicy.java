package io.aitbc.miner.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses media may come from (D39): none that is loopback, private (RFC 1918, IPv6 unique local and
 * site-local), link-local, CGNAT, multicast, unspecified ({@code 0.0.0.0/8}, {@code ::}) or reserved
 * ({@code 240.0.0.0/4}, broadcast), unless private fetches are allowed; cloud metadata addresses
 * ({@code 169.254.169.254}, {@code fd00:ec2::254}) never. IPv4 addresses inside IPv6 ones (mapped, compatible, NAT64,
 * 6to4) are judged as the IPv4 address they carry.
 */
@FunctionalInterface
interface AddressPolicy {

    /** The class of an address that is never fetched from, even when private fetches are allowed. */
    String METADATA = "cloud metadata";

    /** Why media must not come from {@code address}, or empty when it may. */
    Optional<String> refusal(InetAddress address);

    /** D39's policy: every special class refused, or only {@link #METADATA} when {@code allowPrivate}. */
    static AddressPolicy of(boolean allowPrivate) {
        return address -> special(address).filter(kind -> !allowPrivate || kind.equals(METADATA));
    }

    /** The special class of an address ("loopback", "private", …), or empty for a public unicast address. */
    static Optional<String> special(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ipv4(bytes);
        }
        byte[] carried = carriedIpv4(bytes);
        return carried != null ? ipv4(carried) : ipv6(bytes);
    }

    private static Optional<String> ipv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        String kind = null;
        if (first == 0) {
            kind = "unspecified";
        } else if (first == 127) {
            kind = "loopback";
        } else if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
            kind = "private";
        } else if (first == 169 && second == 254) {
            kind = (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? METADATA : "link-local";
        } else if (first == 100 && second >= 64 && second < 128) {
            kind = "CGNAT";
        } else if (first >= 224 && first < 240) {
            kind = "multicast";
        } else if (first >= 240) {
            kind = "reserved";
        }
        return Optional.ofNullable(kind);
    }

    private static Optional<String> ipv6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        String kind = null;
        if (Arrays.equals(b, new byte[16])) {
            kind = "unspecified";
        } else if (isLoopback6(b)) {
            kind = "loopback";
        } else if (first == 0xfd && second == 0x00 && b[2] == 0x0e && (b[3] & 0xff) == 0xc2 && isMetadataTail(b)) {
            kind = METADATA;
        } else if ((first & 0xfe) == 0xfc || first == 0xfe && (second & 0xc0) == 0xc0) {
            kind = "private";
        } else if (first == 0xfe && (second & 0xc0) == 0x80) {
            kind = "link-local";
        } else if (first == 0xff) {
            kind = "multicast";
        }
        return Optional.ofNullable(kind);
    }

    /** The IPv4 address an IPv6 one carries (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::), or null. */
    private static byte[] carriedIpv4(byte[] b) {
        boolean zeroTo10 = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        boolean mapped = zeroTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroTo10 && b[10] == 0 && b[11] == 0 && !isLoopback6(b) && !Arrays.equals(b, new byte[16]);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    private static boolean isLoopback6(byte[] b) {
        return Arrays.equals(Arrays.copyOfRange(b, 0, 15), new byte[15]) && b[15] == 1;
    }

    private static boolean isMetadataTail(byte[] b) {
        return Arrays.equals(Arrays.copyOfRange(b, 4, 14), new byte[10]) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }
}
