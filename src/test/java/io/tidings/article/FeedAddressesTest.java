package io.tidings.article;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses a feed may be fetched from: public ones only, unless private ones are allowed. */
class FeedAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "::ffff:10.0.0.1", "::127.0.0.1", "::169.254.169.254"})
    void an_address_inside_the_network_is_not_public(String address) throws UnknownHostException {
        assertThat(FeedAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "172.32.0.1", "172.15.255.254", "100.128.0.1", "100.63.255.254",
            "192.169.0.1", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:93.184.215.14"})
    void an_address_on_the_internet_is_public(String address) throws UnknownHostException {
        assertThat(FeedAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void a_url_at_a_private_address_is_refused_unless_private_addresses_are_allowed() {
        URI metadata = URI.create("http://169.254.169.254/latest/meta-data/");
        URI loopbackV6 = URI.create("http://[::1]:8080/feed.xml");

        assertThatThrownBy(() -> new FeedAddresses(FeedConfigs.withList(null)).check(metadata))
                .isInstanceOf(PollFailure.class)
                .hasMessage("refused 169.254.169.254: 169.254.169.254 is not a public address (FEED_ALLOW_PRIVATE=true allows it)");
        assertThatThrownBy(() -> new FeedAddresses(FeedConfigs.withList(null)).check(loopbackV6))
                .isInstanceOf(PollFailure.class).hasMessageStartingWith("refused [::1]: 0:0:0:0:0:0:0:1 is not a public address");
        assertThatCode(() -> new FeedAddresses(FeedConfigs.allowingPrivate()).check(metadata)).doesNotThrowAnyException();
    }
}
