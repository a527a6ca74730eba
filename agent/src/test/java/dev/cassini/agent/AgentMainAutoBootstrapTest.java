package dev.cassini.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMainAutoBootstrapTest {
    @Test
    void defaultsToBootstrappingAndAcceptsOnlyTrueOrFalse() {
        assertThat(AgentMain.autoBootstrap(Map.of())).contains(true);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "FALSE")))
                .contains(false);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "true")))
                .contains(true);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "no")))
                .isEmpty();
    }

    @Test
    void systemKeyspaceReplicasAreCassandrasOwnUnlessAWholeNumberFromOneToNineSaysOtherwise() {
        assertThat(AgentMain.systemKeyspaceReplicas(Map.of())).contains(0);
        assertThat(AgentMain.systemKeyspaceReplicas(Map.of("CASSINI_SYSTEM_KEYSPACE_REPLICAS", " 3 ")))
                .contains(3);
        assertThat(AgentMain.systemKeyspaceReplicas(Map.of("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "0")))
                .isEmpty();
        assertThat(AgentMain.systemKeyspaceReplicas(Map.of("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "10")))
                .isEmpty();
        assertThat(AgentMain.systemKeyspaceReplicas(Map.of("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "three")))
                .isEmpty();
    }

    @Test
    void aNodeThatJoinedStartsAgainWithTheCommandThatStartedItsNewRing() {
        assertThat(AgentMain.firstStartOnly(3, false)).isEqualTo(3);
        assertThat(AgentMain.firstStartOnly(3, true))
                .as("the keyspaces exist and keep their replication")
                .isZero();
        assertThat(AgentMain.firstStartOnly(0, false)).isZero();
    }
}
