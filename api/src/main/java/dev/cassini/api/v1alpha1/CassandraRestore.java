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
 * One restore of tables from a backup into a running cluster, in place: {@code kubectl get crs}.
 * Like a Kubernetes Job it runs once; its spec cannot change afterwards.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("crs")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Backup", jsonPath = ".spec.backup", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.step", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "has(self.spec)",
        message = "spec is required: set spec.cluster and spec.backup (or spec.source)")
@ValidationRule(
        value = "size(self.metadata.name) <= " + CassandraBackup.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + CassandraBackup.MAX_NAME_LENGTH
                + " characters: it names the restore's staging directory on every node; choose a shorter name")
@ValidationRule(
        value = "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must contain only lowercase letters, digits and '-' (no '.'):"
                + " it names the restore's staging directory on every node")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraRestore extends CustomResource<CassandraRestoreSpec, CassandraRestoreStatus>
        implements Namespaced {
    public static final String CRD_NAME = "cassandrarestores." + CassandraCluster.GROUP;
}
