package dev.cassini.model.plan;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterSpec;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Cluster shapes the planner tests start from. */
final class TestShapes {
    private TestShapes() {}

    /** Cluster "demo" in namespace default: one datacenter dc1 of this many nodes, racks as defaulted. */
    static ClusterShape oneDatacenter(int size) {
        CassandraCluster resource = new CassandraCluster();
        resource.setMetadata(new ObjectMetaBuilder()
                .withName("demo")
                .withNamespace("default")
                .build());
        CassandraClusterSpec spec = new CassandraClusterSpec();
        DatacenterSpec dc = new DatacenterSpec();
        dc.setName("dc1");
        dc.setSize(size);
        spec.setDatacenters(List.of(dc));
        resource.setSpec(spec);
        return ClusterShape.of(resource);
    }
}
