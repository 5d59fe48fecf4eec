package io.tidings.article;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The internet, for tests of the address fence: their site at 127.0.0.2 counts as a public host; every other
 * address, 127.0.0.1 included, is judged as in production.
 */
@Singleton
@Replaces(FeedAddresses.class)
@Requires(property = "spec.name", value = PublicTestSite.SPEC)
class PublicTestSite extends FeedAddresses {

    static final String SPEC = "public-test-site";
    static final InetAddress ADDRESS = address();

    PublicTestSite(FeedConfig config) {
        super(config);
    }

    @Override
    void check(URI url) {
        if (!ADDRESS.getHostAddress().equals(url.getHost())) {
            super.check(url);
        }
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, 2});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
