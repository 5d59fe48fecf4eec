package io.tidings.web;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.0/8", "::1"));

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ip, 40000);
    }

    @Test
    void a_direct_client_is_the_socket_peer_whatever_it_claims() {
        assertThat(behindProxy.of(peer("198.51.100.4"), List.of("203.0.113.1"))).isEqualTo("198.51.100.4");
        assertThat(new ClientAddresses(List.of("")).of(peer("127.0.0.1"), List.of("203.0.113.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop() {
        assertThat(behindProxy.of(peer("10.1.2.3"), List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindProxy.of(peer("10.1.2.3"), List.of("6.6.6.6, 203.0.113.7, 10.9.9.9"))).isEqualTo("203.0.113.7");
        assertThat(behindProxy.of(peer("::1"), List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void a_forged_or_missing_header_falls_back_to_the_proxy() {
        assertThat(behindProxy.of(peer("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
        assertThat(behindProxy.of(peer("10.1.2.3"), List.of("evil.example.com"))).isEqualTo("10.1.2.3");
    }

    @Test
    void a_bad_trusted_proxy_setting_is_refused_at_start() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example.com")))
                .hasMessageContaining("TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/40"))).hasMessageContaining("prefix");
    }
}
