package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One maintenance command run node by node through the agents: {@code kubectl get ctk}. Like a
 * Kubernetes Job it runs once.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("ctk")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Command", jsonPath = ".spec.command", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.cluster and spec.command")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraTask extends CustomResource<CassandraTaskSpec, CassandraTaskStatus> implements Namespaced {
    public static final String CRD_NAME = "cassandratasks." + CassandraCluster.GROUP;
}
