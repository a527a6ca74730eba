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
 * One Apache Cassandra cluster: {@code kubectl get cc}. The operator turns it into StatefulSets (one
 * per rack), Services and Secrets, and reports progress in {@link CassandraClusterStatus}.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("cc")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.datacenters")
@ValidationRule(
        value = "size(self.metadata.name) <= " + CassandraCluster.MAX_NAME_LENGTH,
        message = CassandraCluster.NAME_LENGTH_MESSAGE)
@ValidationRule(
        value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = CassandraCluster.NAME_FORMAT_MESSAGE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraCluster extends CustomResource<CassandraClusterSpec, CassandraClusterStatus>
        implements Namespaced {
    public static final String GROUP = "cassini.dev";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "cassandraclusters." + GROUP;

    /**
     * Pod names are {@code <name>-<dc>-<rack>-<ordinal>}: 20 + 1 + 15 + 1 + 15 + 1 + 2 = 55 characters
     * at most, within the 63 of a DNS label (a pod's host name) with room for StatefulSet revision labels.
     */
    public static final int MAX_NAME_LENGTH = 20;

    static final String NAME_LENGTH_MESSAGE = "metadata.name must be at most " + MAX_NAME_LENGTH + " characters:"
            + " it starts the names of pods (<name>-<dc>-<rack>-<ordinal>), which Kubernetes limits to 63; choose a shorter name";
    static final String NAME_FORMAT_MESSAGE =
            "metadata.name must start with a lowercase letter and contain only lowercase"
                    + " letters, digits and '-' (no '.'): it names Services, which must be DNS labels";
}
