package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.model.plan.NewClusterStart;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorMainTest {
    @Test
    void newClustersStartConcurrentlyUnlessTheBenchmarkKnobSaysOneAtATime() {
        assertThat(OperatorMain.newClusterStart(Map.of())).isEqualTo(NewClusterStart.CONCURRENT);
        assertThat(OperatorMain.newClusterStart(Map.of(OperatorMain.ENV_NEW_CLUSTER_START, "concurrent")))
                .isEqualTo(NewClusterStart.CONCURRENT);
        assertThat(OperatorMain.newClusterStart(Map.of(OperatorMain.ENV_NEW_CLUSTER_START, "one-at-a-time")))
                .isEqualTo(NewClusterStart.ONE_AT_A_TIME);
    }

    @Test
    void anUnknownValueNamesTheAllowedOnes() {
        assertThatThrownBy(() -> OperatorMain.newClusterStart(Map.of(OperatorMain.ENV_NEW_CLUSTER_START, "serial")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CASSINI_OPERATOR_NEW_CLUSTER_START=serial")
                .hasMessageContaining("concurrent")
                .hasMessageContaining("one-at-a-time");
    }

    @Test
    void watchedNamespacesAreACommaListAndEmptyMeansEveryNamespace() {
        assertThat(OperatorMain.watchNamespaces(Map.of())).isEmpty();
        assertThat(OperatorMain.watchNamespaces(Map.of(OperatorMain.ENV_WATCH_NAMESPACES, " ")))
                .isEmpty();
        assertThat(OperatorMain.watchNamespaces(Map.of(OperatorMain.ENV_WATCH_NAMESPACES, "shop, audit,,shop")))
                .containsExactly("audit", "shop");
    }

    @Test
    void aWatchedNamespaceThatIsNoNamespaceNameIsRefusedWithTheRule() {
        assertThatThrownBy(() -> OperatorMain.watchNamespaces(Map.of(OperatorMain.ENV_WATCH_NAMESPACES, "shop,Audit")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Audit\"")
                .hasMessageContaining("separated by commas");
    }

    @Test
    void agentCertificatesLast90DaysUnlessSetInDaysHoursOrMinutes() {
        assertThat(OperatorMain.agentCertificateValidity(Map.of())).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(OperatorMain.agentCertificateValidity(Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "30d")))
                .isEqualTo(java.time.Duration.ofDays(30));
        assertThat(OperatorMain.agentCertificateValidity(Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "12h")))
                .isEqualTo(java.time.Duration.ofHours(12));
        assertThat(OperatorMain.agentCertificateValidity(Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "3m")))
                .isEqualTo(java.time.Duration.ofMinutes(3));
    }

    @Test
    void anAgentCertificateValidityThatCannotWorkIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> OperatorMain.agentCertificateValidity(
                        Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "90 days")))
                .hasMessageContaining("CASSINI_AGENT_CERT_VALIDITY=90 days")
                .hasMessageContaining("90d, 12h, 30m");
        assertThatThrownBy(() -> OperatorMain.agentCertificateValidity(
                        Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "1m")))
                .hasMessageContaining("use 3m or more");
        assertThatThrownBy(() -> OperatorMain.agentCertificateValidity(
                        Map.of(OperatorMain.ENV_AGENT_CERTIFICATE_VALIDITY, "3650d")))
                .hasMessageContaining("CA's own validity");
    }

    @Test
    void nodesRunCassiniNodeUnlessTheSettingNamesARepositoryAndPullSecrets() {
        assertThat(OperatorMain.nodeImage(Map.of())).isEqualTo(dev.cassini.model.NodeImage.DEFAULT);
        var image = OperatorMain.nodeImage(Map.of(
                OperatorMain.ENV_NODE_IMAGE, " registry.example.com/cassini/node ",
                OperatorMain.ENV_NODE_IMAGE_PULL_SECRETS, "regcred, ,mirror"));
        assertThat(image.reference("5.0.6")).isEqualTo("registry.example.com/cassini/node:5.0.6");
        assertThat(image.pullSecrets()).containsExactly("regcred", "mirror");
        assertThatThrownBy(() -> OperatorMain.nodeImage(
                        Map.of(OperatorMain.ENV_NODE_IMAGE, "registry.example.com/cassini/node:5.0.6")))
                .hasMessageStartingWith("CASSINI_NODE_IMAGE/")
                .hasMessageContaining("leave out the tag or digest");
    }
}
