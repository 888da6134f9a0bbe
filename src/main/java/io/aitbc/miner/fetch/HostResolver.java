package io.aitbc.miner.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a URL's host to every address it has, once per fetch hop; the fetch connects only to an address it checked. */
@FunctionalInterface
interface HostResolver {

    /** The system resolver; an IP literal is returned as it is, without a lookup. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host} (IPv6 literals without brackets). */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
