package dev.cassini.model.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgentApiTlsTest {
    private final ClusterNames names = new ClusterNames("demo");

    @Test
    void eachRackMountsItsOwnSecretReadOnlyAndOwnerReadable() {
        var volume = AgentApiTls.volume(names, "dc1", "r2");

        assertThat(volume.getSecret().getSecretName()).isEqualTo("demo-dc1-r2-agent-tls");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(AgentApiTls.mount().getName()).isEqualTo(volume.getName());
        assertThat(AgentApiTls.mount().getReadOnly()).isTrue();
        assertThat(names.agentTlsSecret("dc1", "r2")).isNotEqualTo(names.agentTlsSecret("dc1", "r3"));
        assertThat(names.agentCaSecret()).isEqualTo("demo-agent-ca");
    }

    @Test
    void theAgentIsToldItsOwnFilesByPodNameAndTheSharedAuthority() {
        Map<String, String> env =
                AgentApiTls.env().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));

        assertThat(env)
                .containsEntry(AgentEnvironment.API_TLS_CERTIFICATE, "/var/run/cassini/agent-tls/$(POD_NAME).crt")
                .containsEntry(AgentEnvironment.API_TLS_KEY, "/var/run/cassini/agent-tls/$(POD_NAME).key")
                .containsEntry(AgentEnvironment.API_TLS_CA, "/var/run/cassini/agent-tls/ca.crt");
        // the keys the operator writes into the Secret are the files the env names
        assertThat(env.get(AgentEnvironment.API_TLS_CERTIFICATE))
                .endsWith("/" + AgentApiTls.certificateKey("$(POD_NAME)"));
        assertThat(env.get(AgentEnvironment.API_TLS_KEY)).endsWith("/" + AgentApiTls.privateKeyKey("$(POD_NAME)"));
    }
}
