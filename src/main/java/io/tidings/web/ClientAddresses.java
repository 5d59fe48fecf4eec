package io.tidings.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address: the socket's peer, or, when that peer is a configured trusted proxy, the
 * last address in {@code X-Forwarded-For} that is not itself a trusted proxy. A client can put
 * anything in that header, so it is believed only as far as trusted proxies wrote it.
 */
@Singleton
public class ClientAddresses {

    private final List<Cidr> trusted = new ArrayList<>();

    ClientAddresses(@Value("${tidings.subscription.trusted-proxies:}") List<String> trustedProxies) {
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                trusted.add(Cidr.parse(entry.strip()));
            }
        }
    }

    public String of(HttpRequest<?> request) {
        return of(request.getRemoteAddress(), request.getHeaders().getAll("X-Forwarded-For"));
    }

    String of(InetSocketAddress socketPeer, List<String> forwardedFor) {
        InetAddress peer = socketPeer.getAddress();
        if (peer == null) {
            return socketPeer.getHostString();
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = forwardedFor.stream()
                .flatMap(value -> List.of(value.split(",")).stream()).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            if (!isTrusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** Parses an IP literal only; never resolves a name. */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: not an IP address or CIDR range: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
