package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A hand-written stand-in for the Kubernetes side of executing a step: records each call as a
 * line, and throws what the API server would when a test sets {@link #refusal}.
 */
final class FakeClusterOperations implements ClusterOperations {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** When set, every call fails with it (after being recorded). */
    RuntimeException refusal;

    private void call(String line) {
        calls.add(line);
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public void deletePod(String namespace, String pod) {
        call("delete pod " + namespace + "/" + pod);
    }

    @Override
    public void shrinkStatefulSet(String namespace, String statefulSet, int replicas) {
        call("shrink " + namespace + "/" + statefulSet + " to " + replicas);
    }

    @Override
    public void growVolumeClaim(String namespace, String claim, String size) {
        call("grow " + namespace + "/" + claim + " to " + size);
    }

    @Override
    public void orphanStatefulSet(String namespace, String statefulSet, String uid) {
        call("orphan " + namespace + "/" + statefulSet + " uid " + uid);
    }

    @Override
    public void labelSeed(String namespace, String pod, boolean seed) {
        call((seed ? "label seed " : "unlabel seed ") + namespace + "/" + pod);
    }

    @Override
    public void initializeAuth(CassandraCluster resource, ClusterShape shape, Collection<String> addresses) {
        call("initialize auth of " + shape.clusterName() + " via "
                + addresses.stream().sorted().toList());
    }

    @Override
    public void extendReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            dev.cassini.model.plan.DatacenterJoin join) {
        call("extend replication to " + join.datacenter() + " via "
                + addresses.stream().sorted().toList());
    }

    @Override
    public void withdrawReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            java.util.Set<String> datacenters,
            boolean authToo) {
        call("withdraw replication from " + new java.util.TreeSet<>(datacenters) + (authToo ? " with system_auth" : "")
                + " via " + addresses.stream().sorted().toList());
    }

    @Override
    public void removeDatacenter(String namespace, String cluster, String datacenter) {
        call("remove datacenter " + namespace + "/" + cluster + "/" + datacenter);
    }
}
