package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    @Test
    void keepsTheIpAddressOnly() {
        assertThat(ClientAddress.host("/10.0.0.7:50412")).isEqualTo("10.0.0.7");
        assertThat(ClientAddress.host("app-7.example/10.0.0.7:50412")).isEqualTo("10.0.0.7");
        assertThat(ClientAddress.host("/0:0:0:0:0:0:0:1:50412")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ClientAddress.host("/[::1]:50412")).isEqualTo("::1");
    }

    @Test
    void somethingElseIsNoAddress() {
        assertThat(ClientAddress.host(null)).isNull();
        assertThat(ClientAddress.host("")).isNull();
        assertThat(ClientAddress.host("/:50412")).isNull();
        assertThat(ClientAddress.host("10.0.0.7")).isNull();
    }
}
