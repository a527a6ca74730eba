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
 * One backup of one cluster to the object store its {@code spec.backup.storage} names: {@code
 * kubectl get cbk}. Its name is the backup's id in the bucket. Like a Kubernetes Job it runs once;
 * its spec cannot change afterwards.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("cbk")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Bytes", jsonPath = ".status.totalBytes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Uploaded",
        jsonPath = ".status.uploadedBytes",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.cluster")
@ValidationRule(
        value = "size(self.metadata.name) <= " + CassandraBackup.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + CassandraBackup.MAX_NAME_LENGTH
                + " characters: it is the backup's id in the bucket and names its objects; choose a shorter name")
@ValidationRule(
        value = "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must contain only lowercase letters, digits and '-' (no '.'):"
                + " it is the backup's id in the bucket")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraBackup extends CustomResource<CassandraBackupSpec, CassandraBackupStatus> implements Namespaced {
    public static final String CRD_NAME = "cassandrabackups." + CassandraCluster.GROUP;

    /** A DNS label, so the id works as a key part, a label value and a Kubernetes name alike. */
    public static final int MAX_NAME_LENGTH = 63;
}
