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
 * One repair of one cluster, run by the operator through the nodes' agents: {@code kubectl get
 * crp}. Like a Kubernetes Job it runs once; it can be suspended and resumed, and its pace changed
 * while it runs.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("crp")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Segments", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.cluster")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraRepair extends CustomResource<CassandraRepairSpec, CassandraRepairStatus> implements Namespaced {
    public static final String CRD_NAME = "cassandrarepairs." + CassandraCluster.GROUP;
}
