package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.contract.AgentEnvironment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CassandraTlsTest {
    private static final Path DATA = Path.of("/var/lib/cassandra");

    private static Map<String, String> env(String client, String internode) {
        Map<String, String> env = TestNodeConfigs.env(DATA, "127.0.0.11");
        if (client != null) {
            env.put(AgentEnvironment.CLIENT_ENCRYPTION, client);
        }
        if (internode != null) {
            env.put(AgentEnvironment.INTERNODE_ENCRYPTION, internode);
        }
        env.put(AgentEnvironment.CASSANDRA_TLS_CERTIFICATE, "/etc/cassandra-tls/node-0.crt");
        env.put(AgentEnvironment.CASSANDRA_TLS_KEY, "/etc/cassandra-tls/node-0.key");
        env.put(AgentEnvironment.CASSANDRA_TLS_CA, "/etc/cassandra-tls/ca.crt");
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(NodeConfig config, String key) {
        return (Map<String, Object>) CassandraYamlRenderer.settings(
                        config, new StartPlan(List.of("127.0.0.11"), List.of(), Optional.empty(), true))
                .get(key);
    }

    @Test
    void offByDefaultEvenWithCertificatesMounted() {
        NodeConfig config = TestNodeConfigs.parse(env(null, null));
        assertThat(config.cassandraTls()).isEqualTo(CassandraTls.OFF);
        assertThat(options(config, "client_encryption_options")).isNull();
        assertThat(options(config, "server_encryption_options")).isNull();
    }

    @Test
    void clientEncryptionOptionalTakesBothOnOnePortAndRequiredOnlyTls() {
        Map<String, Object> optional =
                options(TestNodeConfigs.parse(env("optional", null)), "client_encryption_options");
        assertThat(optional)
                .containsEntry("enabled", true)
                .containsEntry("optional", true)
                .containsEntry("require_client_auth", false)
                .containsEntry("keystore", "/var/lib/cassandra/cassini/tls/node.pem")
                .containsEntry("truststore", "/var/lib/cassandra/cassini/tls/ca.pem")
                .containsEntry("ssl_context_factory", Map.of("class_name", CassandraTls.PEM_FACTORY));
        assertThat(options(TestNodeConfigs.parse(env("REQUIRED", null)), "client_encryption_options"))
                .containsEntry("enabled", true)
                .containsEntry("optional", false);
        assertThat(options(TestNodeConfigs.parse(env("required", null)), "server_encryption_options"))
                .as("internode stays off")
                .isNull();
    }

    @Test
    void internodeStepsAcceptThenSendThenRequireWithNodesProvingTheirCertificates() {
        Map<String, List<Object>> steps = Map.of(
                "accept", List.of("none", true),
                "optional", List.of("all", true),
                "required", List.of("all", false));
        steps.forEach((mode, expected) -> {
            Map<String, Object> server = options(TestNodeConfigs.parse(env(null, mode)), "server_encryption_options");
            assertThat(server)
                    .as(mode)
                    .containsEntry("internode_encryption", expected.get(0))
                    .containsEntry("optional", expected.get(1))
                    .containsEntry("require_client_auth", true)
                    .containsEntry("require_endpoint_verification", false)
                    .containsEntry("keystore", "/var/lib/cassandra/cassini/tls/node.pem");
        });
    }

    @Test
    void aModeThatIsNoneOfTheStepsOrMissingFilesAreRefusedWithWhatToSet() {
        Map<String, String> bad = env("yes", "sometimes");
        assertThatThrownBy(() -> NodeConfigLoader.parse(bad, Map.of()))
                .isInstanceOf(InvalidNodeConfigException.class)
                .hasMessageContaining("CASSINI_CLIENT_ENCRYPTION=yes is not one of off, optional, required")
                .hasMessageContaining(
                        "CASSINI_INTERNODE_ENCRYPTION=sometimes is not one of off, accept, optional, required");

        Map<String, String> noKey = env("required", null);
        noKey.remove(AgentEnvironment.CASSANDRA_TLS_KEY);
        assertThatThrownBy(() -> NodeConfigLoader.parse(noKey, Map.of()))
                .hasMessageContaining("needs the node's certificate, key and CA: set CASSINI_CASSANDRA_TLS_KEY");
    }

    @Test
    void overridesMayNotSetWhatTheEncryptionSettingsSet() {
        Map<String, String> both = env("required", null);
        both.put(AgentEnvironment.CASSANDRA_YAML, "{client_encryption_options: {enabled: false}}");
        assertThatThrownBy(() -> NodeConfigLoader.parse(both, Map.of()))
                .hasMessageContaining("'client_encryption_options' is set by CASSINI_CLIENT_ENCRYPTION");

        Map<String, String> overrideOnly = new HashMap<>(TestNodeConfigs.env(DATA, "127.0.0.11"));
        overrideOnly.put(AgentEnvironment.CASSANDRA_YAML, "{client_encryption_options: {enabled: false}}");
        assertThat(options(TestNodeConfigs.parse(overrideOnly), "client_encryption_options"))
                .as("a user's own settings, with encryption left to them")
                .containsEntry("enabled", false);
    }
}
