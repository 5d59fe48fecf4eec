package io.tidings.article;

import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Keeps feed requests to public addresses: a feed's URL, or a redirect, naming a host inside the network
 * (the loopback, a private range, the cloud metadata address) is refused unless {@code FEED_ALLOW_PRIVATE}.
 * <p>
 * The host is resolved here and again by the HTTP client when it connects. Both lookups go through the
 * JVM's cache (30 s by default), so they agree unless the cached answer expires between the two.
 */
@Singleton
class FeedAddresses {

    private final boolean allowPrivate;

    FeedAddresses(FeedConfig config) {
        this.allowPrivate = config.allowPrivate();
    }

    /** Fails the poll when the URL's host is, or resolves to, an address that is not public. */
    void check(URI url) {
        if (allowPrivate) {
            return;
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new PollFailure("cannot resolve " + host, e);
        }
        Arrays.stream(addresses).filter(address -> !isPublic(address)).findFirst().ifPresent(address -> {
            throw new PollFailure("refused " + host + ": " + address.getHostAddress()
                    + " is not a public address (FEED_ALLOW_PRIVATE=true allows it)");
        });
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean thisNetwork = first == 0;
            boolean sharedCgnat = first == 100 && (second & 0xc0) == 64;
            boolean broadcast = Arrays.equals(bytes, new byte[]{-1, -1, -1, -1});
            return !(thisNetwork || sharedCgnat || broadcast);
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return false;
        }
        // ::a.b.c.d and ::ffff:a.b.c.d reach the IPv4 address they carry (Java reads most mapped forms as IPv4 already).
        boolean compatible = ((Inet6Address) address).isIPv4CompatibleAddress();
        boolean mapped = Arrays.equals(Arrays.copyOf(bytes, 12), new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1});
        return !(compatible || mapped) || isPublic(embeddedIpv4(bytes));
    }

    private static InetAddress embeddedIpv4(byte[] ipv6) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(ipv6, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
