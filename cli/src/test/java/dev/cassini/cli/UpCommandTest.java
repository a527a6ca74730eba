package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraCluster;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class UpCommandTest {
    @Test
    void aFileHoldingACassandraClusterIsReadAsOneWithItsSpec() throws IOException {
        CassandraCluster cluster = UpCommand.clusterOf("bench.yaml", """
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: bench
                spec:
                  datacenters:
                    - name: dc1
                      size: 3
                      heap: 1G
                      config:
                        hinted_handoff_enabled: false
                """);
        assertThat(cluster.getMetadata().getName()).isEqualTo("bench");
        assertThat(cluster.getSpec().getDatacenters()).singleElement().satisfies(dc -> {
            assertThat(dc.getSize()).isEqualTo(3);
            assertThat(dc.getHeap()).isEqualTo("1G");
        });
    }

    @Test
    void anotherKindOrVersionIsRefusedNamingWhatTheFileHolds() {
        assertThatThrownBy(() -> UpCommand.clusterOf("pod.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: x}
                        """))
                .hasMessage("pod.yaml holds a Pod (v1); cassini up takes one CassandraCluster"
                        + " (apiVersion cassini.dev/v1alpha1)");
        assertThatThrownBy(() -> UpCommand.clusterOf("old.yaml", """
                        apiVersion: cassini.dev/v1beta9
                        kind: CassandraCluster
                        metadata: {name: x}
                        """))
                .hasMessageContaining("holds a CassandraCluster (cassini.dev/v1beta9)");
    }

    @Test
    void theOperatorRunsAsTheChartRendersItOnItsOwnServiceAccountWithTheChartsRulesAndNoKubeconfig() {
        var objects = UpCommand.operatorObjects();
        assertThat(objects)
                .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
                .containsExactly(
                        "ServiceAccount cassini-operator",
                        "ClusterRole cassini-operator",
                        "ClusterRoleBinding cassini-operator",
                        "Deployment cassini-operator");
        var role = (io.fabric8.kubernetes.api.model.rbac.ClusterRole) objects.get(1);
        assertThat(role.getRules()).isEqualTo(dev.cassini.operator.ChartRbac.everyNamespace());
        var binding = (io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) objects.get(2);
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("cassini-operator");
            assertThat(s.getNamespace()).isEqualTo("cassini-system");
        });
        var pod = ((io.fabric8.kubernetes.api.model.apps.Deployment) objects.get(3))
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("cassini-operator");
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("cassini/operator:dev");
        assertThat(container.getEnv())
                .as("no kubeconfig: the token")
                .noneMatch(e -> e.getName().equals("KUBECONFIG"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }
}
