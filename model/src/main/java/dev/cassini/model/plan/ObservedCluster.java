package dev.cassini.model.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner decides from: each desired node as observed, what status remembers of
 * earlier incarnations, the seeds the nodes should have, the tokens of each node if the cluster
 * is brand new, and the user's wishes. Built with {@link #builder()}; what is not set is empty.
 *
 * @param nodes desired nodes, datacenter by datacenter, each in rack-interleaved order
 * @param known earlier identities by pod name
 * @param newClusterTokens precomputed tokens by pod name, used only while no node was ever bootstrapped
 * @param newRingBlocked why the nodes of a new ring cannot start yet (the backup they start from
 *     cannot be read, or does not fit); empty when they can
 * @param authLogin who can log in, checked only while authentication waits to be set up
 * @param peersDown what the running nodes see down in their ring views, e.g. "demo-dc1-r1-0 sees 10.0.0.3 down"
 * @param surplus nodes that run beyond the desired layout (the spec's size went down), to decommission
 * @param replicationByDatacenter the highest replication factor any keyspace has in each datacenter
 * @param cleanup nodes recorded as holding data a bootstrapped node took over, and their cleanup's progress
 * @param storage each datacenter's data volumes, against the size the spec asks for
 * @param joins the datacenters that joined the running cluster and do not hold their data yet
 * @param ringTokens every token the running nodes own, which a joining datacenter's must not repeat
 * @param schemaVersions the schema version each running node reports by pod; a node that cannot tell
 *     is absent
 * @param keyspaceReplication each keyspace's replication as the schema holds it, read while nodes
 *     run beyond the spec (a leaving datacenter is taken out of it first), and while a rolling restart
 *     could take several nodes of a rack down at once; empty otherwise
 * @param keyspaceReplicationKnown whether {@code keyspaceReplication} was read (set with it)
 * @param maxUnavailable per datacenter, how many of its nodes a rolling restart may take down at once
 *     ({@code rollingRestart.maxUnavailable}); a datacenter that does not say is absent
 * @param forceLeave the resource says {@code cassini.dev/force-leave: "true"}: a datacenter leaves
 *     although applications are still connected to it
 * @param leftoverDatacenters datacenters gone from the spec whose StatefulSets still exist
 * @param externalDatacenters the ring's datacenters this resource does not manage: its nodes join
 *     their ring rather than form a new one
 * @param externalJoinRefusals why the nodes cannot join the external ring, as a seed of it says
 *     (checked while no node of this resource has joined); empty when they can
 * @param leavingExternalDatacenters the external datacenters marked leaving
 * @param externalNodes the nodes of leaving external datacenters still in the ring views
 * @param ringHostIds the host ID of every node the serving nodes' ring views show, down ones too:
 *     a node whose ID is not among them has left the ring (or was never in it)
 */
public record ObservedCluster(
        List<ObservedNode> nodes,
        Map<String, KnownNode> known,
        List<String> desiredSeeds,
        Map<String, List<Long>> newClusterTokens,
        java.util.Optional<String> newRingBlocked,
        boolean stopped,
        boolean authEnabled,
        boolean authInitialized,
        AuthLogin authLogin,
        List<String> peersDown,
        List<ObservedNode> surplus,
        Map<String, Integer> replicationByDatacenter,
        List<CleanupTask> cleanup,
        List<DatacenterStorage> storage,
        List<DatacenterJoin> joins,
        java.util.Set<Long> ringTokens,
        Map<String, String> schemaVersions,
        Map<String, Map<String, String>> keyspaceReplication,
        boolean forceLeave,
        List<String> leftoverDatacenters,
        List<String> externalDatacenters,
        List<String> externalJoinRefusals,
        List<String> leavingExternalDatacenters,
        List<ExternalNode> externalNodes,
        java.util.Set<String> ringHostIds,
        boolean keyspaceReplicationKnown,
        Map<String, Integer> maxUnavailable) {

    public ObservedCluster {
        maxUnavailable = Map.copyOf(maxUnavailable);
        ringHostIds = java.util.Set.copyOf(ringHostIds);
        joins = List.copyOf(joins);
        ringTokens = java.util.Set.copyOf(ringTokens);
        schemaVersions = Map.copyOf(schemaVersions);
        keyspaceReplication = Map.copyOf(keyspaceReplication);
        leftoverDatacenters = List.copyOf(leftoverDatacenters);
        externalDatacenters = List.copyOf(externalDatacenters);
        externalJoinRefusals = List.copyOf(externalJoinRefusals);
        leavingExternalDatacenters = List.copyOf(leavingExternalDatacenters);
        externalNodes = List.copyOf(externalNodes);
        nodes = List.copyOf(nodes);
        known = Map.copyOf(known);
        desiredSeeds = List.copyOf(desiredSeeds);
        newClusterTokens = Map.copyOf(newClusterTokens);
        peersDown = List.copyOf(peersDown);
        surplus = List.copyOf(surplus);
        replicationByDatacenter = Map.copyOf(replicationByDatacenter);
        cleanup = List.copyOf(cleanup);
        storage = List.copyOf(storage);
    }

    /**
     * Whether a ring exists to join: one this resource's nodes formed (status remembers a node, or
     * one has been NORMAL), or the external datacenters' ring.
     */
    public boolean ringExists() {
        return !externalDatacenters.isEmpty() || ClusterHistory.ringFormed(known, nodes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The one way to build an observation: set what was observed, leave the rest empty. */
    public static final class Builder {
        private List<ObservedNode> nodes = new ArrayList<>();
        private Map<String, KnownNode> known = new HashMap<>();
        private List<String> desiredSeeds = List.of();
        private Map<String, List<Long>> newClusterTokens = Map.of();
        private java.util.Optional<String> newRingBlocked = java.util.Optional.empty();
        private boolean stopped;
        private boolean authEnabled = true;
        private boolean authInitialized;
        private AuthLogin authLogin = AuthLogin.NOT_CHECKED;
        private List<String> peersDown = List.of();
        private List<ObservedNode> surplus = List.of();
        private Map<String, Integer> replicationByDatacenter = Map.of();
        private List<CleanupTask> cleanup = List.of();
        private List<DatacenterStorage> storage = List.of();
        private List<DatacenterJoin> joins = List.of();
        private java.util.Set<Long> ringTokens = java.util.Set.of();
        private Map<String, String> schemaVersions = Map.of();
        private Map<String, Map<String, String>> keyspaceReplication = Map.of();
        private boolean forceLeave;
        private List<String> leftoverDatacenters = List.of();
        private List<String> externalDatacenters = List.of();
        private List<String> externalJoinRefusals = List.of();
        private List<String> leavingExternalDatacenters = List.of();
        private List<ExternalNode> externalNodes = List.of();
        private java.util.Set<String> ringHostIds = java.util.Set.of();
        private boolean keyspaceReplicationKnown;
        private Map<String, Integer> maxUnavailable = Map.of();

        public Builder maxUnavailable(Map<String, Integer> value) {
            maxUnavailable = value;
            return this;
        }

        public Builder ringHostIds(java.util.Set<String> value) {
            ringHostIds = value;
            return this;
        }

        public Builder leavingExternalDatacenters(List<String> value) {
            leavingExternalDatacenters = value;
            return this;
        }

        public Builder externalNodes(List<ExternalNode> value) {
            externalNodes = value;
            return this;
        }

        public Builder externalDatacenters(List<String> value) {
            externalDatacenters = value;
            return this;
        }

        public Builder externalJoinRefusals(List<String> value) {
            externalJoinRefusals = value;
            return this;
        }

        /** What the schema holds: set only when it was read. */
        public Builder keyspaceReplication(Map<String, Map<String, String>> value) {
            keyspaceReplication = value;
            keyspaceReplicationKnown = true;
            return this;
        }

        public Builder forceLeave(boolean value) {
            forceLeave = value;
            return this;
        }

        public Builder leftoverDatacenters(List<String> value) {
            leftoverDatacenters = value;
            return this;
        }

        public Builder schemaVersions(Map<String, String> value) {
            schemaVersions = value;
            return this;
        }

        private Builder() {}

        public Builder joins(List<DatacenterJoin> value) {
            joins = value;
            return this;
        }

        public Builder ringTokens(java.util.Set<Long> value) {
            ringTokens = value;
            return this;
        }

        public Builder nodes(List<ObservedNode> value) {
            nodes = value;
            return this;
        }

        public Builder known(Map<String, KnownNode> value) {
            known = value;
            return this;
        }

        public Builder desiredSeeds(List<String> value) {
            desiredSeeds = value;
            return this;
        }

        public Builder newClusterTokens(Map<String, List<Long>> value) {
            newClusterTokens = value;
            return this;
        }

        public Builder newRingBlocked(java.util.Optional<String> value) {
            newRingBlocked = value;
            return this;
        }

        public Builder stopped(boolean value) {
            stopped = value;
            return this;
        }

        public Builder authEnabled(boolean value) {
            authEnabled = value;
            return this;
        }

        public Builder authInitialized(boolean value) {
            authInitialized = value;
            return this;
        }

        public Builder authLogin(AuthLogin value) {
            authLogin = value;
            return this;
        }

        public Builder peersDown(List<String> value) {
            peersDown = value;
            return this;
        }

        public Builder surplus(List<ObservedNode> value) {
            surplus = value;
            return this;
        }

        public Builder replicationByDatacenter(Map<String, Integer> value) {
            replicationByDatacenter = value;
            return this;
        }

        public Builder cleanup(List<CleanupTask> value) {
            cleanup = value;
            return this;
        }

        public Builder storage(List<DatacenterStorage> value) {
            storage = value;
            return this;
        }

        public ObservedCluster build() {
            return new ObservedCluster(
                    nodes,
                    known,
                    desiredSeeds,
                    newClusterTokens,
                    newRingBlocked,
                    stopped,
                    authEnabled,
                    authInitialized,
                    authLogin,
                    peersDown,
                    surplus,
                    replicationByDatacenter,
                    cleanup,
                    storage,
                    joins,
                    ringTokens,
                    schemaVersions,
                    keyspaceReplication,
                    forceLeave,
                    leftoverDatacenters,
                    externalDatacenters,
                    externalJoinRefusals,
                    leavingExternalDatacenters,
                    externalNodes,
                    ringHostIds,
                    keyspaceReplicationKnown,
                    maxUnavailable);
        }
    }
}
