package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.ClientConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConnectionsTest {
    @Test
    void keepsTheIpAddressOnly() {
        assertThat(ClientConnections.host("/10.0.0.7:50412")).isEqualTo("10.0.0.7");
        assertThat(ClientConnections.host("app-7.example/10.0.0.7:50412")).isEqualTo("10.0.0.7");
        assertThat(ClientConnections.host("/0:0:0:0:0:0:0:1:50412")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ClientConnections.host("/[::1]:50412")).isEqualTo("::1");
    }

    @Test
    void somethingElseIsNoAddress() {
        assertThat(ClientConnections.host(null)).isNull();
        assertThat(ClientConnections.host("")).isNull();
        assertThat(ClientConnections.host("/:50412")).isNull();
        assertThat(ClientConnections.host("10.0.0.7")).isNull();
    }

    @Test
    void aConnectionCarriesItsRoleAndApplicationName() {
        assertThat(ClientConnections.connection(Map.of(
                        "address",
                        "/10.0.0.7:50412",
                        "user",
                        "shop",
                        "clientOptions",
                        "CQL_VERSION=3.0.0, APPLICATION_NAME=checkout, DRIVER_NAME=DataStax Java driver for Apache"
                                + " Cassandra(R)")))
                .isEqualTo(new ClientConnection("10.0.0.7", "shop", "checkout"));
        assertThat(ClientConnections.connection(Map.of(
                        "address", "/10.0.0.7:50412", "user", "undefined", "clientOptions", "CQL_VERSION=3.0.0")))
                .isEqualTo(new ClientConnection("10.0.0.7", null, null));
        assertThat(ClientConnections.connection(Map.of("address", "/10.0.0.7:50412")))
                .isEqualTo(new ClientConnection("10.0.0.7", null, null));
        assertThat(ClientConnections.connection(Map.of("address", "garbage"))).isNull();
    }

    @Test
    void theApplicationNameIsThatOptionAlone() {
        assertThat(ClientConnections.applicationName("APPLICATION_NAME=a, DRIVER_NAME=d"))
                .isEqualTo("a");
        assertThat(ClientConnections.applicationName("DRIVER_NAME=d, APPLICATION_NAME=cassini-operator"))
                .isEqualTo("cassini-operator");
        assertThat(ClientConnections.applicationName("MY_APPLICATION_NAME=x")).isNull();
        assertThat(ClientConnections.applicationName("APPLICATION_NAME=")).isNull();
        assertThat(ClientConnections.applicationName(null)).isNull();
    }
}
