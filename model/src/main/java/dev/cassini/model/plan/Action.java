package dev.cassini.model.plan;

import java.util.List;

/** The one step the operator takes next. Each is idempotent: repeating it after a crash is safe. */
public sealed interface Action {
    /** Why this step; shown in status (Progressing reason) and in events. */
    String reason();

    /**
     * Hands this action to the visitor method for its kind. Every action implements it and the
     * visitor has a method per action, so an action nobody executes does not compile.
     */
    <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E;

    /** One method per action, each free to throw {@code E}; the operator's executor implements it. */
    interface Visitor<R, E extends Exception> {
        R visit(Wait action) throws E;

        R visit(PushSeeds action) throws E;

        R visit(StartNodes action) throws E;

        R visit(StopNodes action) throws E;

        R visit(RestartNodes action) throws E;

        R visit(Decommission action) throws E;

        R visit(RemoveNode action) throws E;

        R visit(MarkForCleanup action) throws E;

        R visit(Cleanup action) throws E;

        R visit(Refuse action) throws E;

        R visit(ExpandVolumes action) throws E;

        R visit(RecreateStatefulSet action) throws E;

        R visit(InitializeAuth action) throws E;

        R visit(ExtendReplication action) throws E;

        R visit(Rebuild action) throws E;

        R visit(WithdrawReplication action) throws E;

        R visit(RemoveDatacenter action) throws E;

        R visit(DecommissionExternal action) throws E;

        R visit(RemoveDeadNode action) throws E;

        R visit(Converged action) throws E;
    }

    /** Nothing to do but wait for something under way (pods scheduling, a node starting). */
    record Wait(String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Persist this seed list on these pods' agents and reload it in running nodes. */
    record PushSeeds(List<String> pods, List<String> seeds, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public PushSeeds {
            pods = List.copyOf(pods);
            seeds = List.copyOf(seeds);
        }
    }

    /** Start Cassandra on these nodes, all at once. */
    record StartNodes(List<StartNode> nodes, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public StartNodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** Drain and stop Cassandra on these nodes. */
    record StopNodes(List<String> pods, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public StopNodes {
            pods = List.copyOf(pods);
        }
    }

    /**
     * Drain and stop these nodes (all of one rack, or one node), then delete their pods so their
     * StatefulSet recreates them from the new template; the next steps start them again with their data.
     */
    record RestartNodes(List<String> pods, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public RestartNodes {
            pods = List.copyOf(pods);
        }
    }

    /**
     * Stream this node's data to the others and take it out of the ring (it runs beyond the desired
     * size). Forced only when the node's datacenter leaves as a whole and {@code system_auth}, which
     * must name a datacenter while it has live nodes, is all that still replicates there.
     */
    record Decommission(String pod, boolean force, String reason) implements Action {
        public Decommission(String pod, String reason) {
            this(pod, false, reason);
        }

        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** This decommissioned node's StatefulSet shrinks by one, which removes its pod and its volume. */
    record RemoveNode(String pod, String statefulSet, int replicas, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /**
     * Record in status, before a node bootstraps, that these nodes will hold data for ranges it
     * takes over; their cleanup runs once every node is up again, even if the operator restarts.
     */
    record MarkForCleanup(List<String> pods, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public MarkForCleanup {
            pods = List.copyOf(pods);
        }
    }

    /** Start (or adopt the running) cleanup job on this node: drop data of ranges it no longer replicates. */
    record Cleanup(String pod, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** A change the spec asks for is unsafe now; the cluster keeps serving as it is and status says why. */
    record Refuse(String kind, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        /** Kinds, shown as the Degraded condition's reason. */
        public static final String SCALE_DOWN = "ScaleDownRefused";

        public static final String DATACENTER_REMOVAL = "DatacenterRemovalRefused";
        public static final String NAME_CLASH = "NameClash";
        public static final String REBUILD = "RebuildRefused";
        public static final String JOIN = "JoinRefused";
    }

    /**
     * Add a joining datacenter to the replication of Cassandra's distributed system keyspaces and of
     * the application keyspaces its join asks for, leaving every other datacenter's entry as it is;
     * then wait until every node agrees on the schema.
     */
    record ExtendReplication(DatacenterJoin join, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Stream these nodes' data from the source datacenter ({@code nodetool rebuild}), each an agent job. */
    record Rebuild(List<String> pods, String source, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public Rebuild {
            pods = List.copyOf(pods);
        }
    }

    /**
     * Take the leaving datacenters out of every keyspace's replication, every other datacenter's
     * entry kept; {@code system_auth} only with {@code authToo}, once the datacenters have no live
     * node (Cassandra refuses it before). Then wait until every node agrees on the schema.
     */
    record WithdrawReplication(java.util.Set<String> datacenters, boolean authToo, String reason) implements Action {
        public WithdrawReplication {
            datacenters = java.util.Set.copyOf(datacenters);
        }

        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /**
     * Decommission a node of a leaving external datacenter through the node agent at its address;
     * forced on the same terms as {@link Decommission}.
     */
    record DecommissionExternal(String address, boolean force, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /**
     * Take a dead node of a leaving datacenter out of the ring ({@code nodetool removenode}), run
     * by the agent of {@code through}, a node that stays: the dead node's replicas are streamed
     * from the others that hold them. Only on {@code cassini.dev/force-leave}, as a node that is
     * down may yet come back and decommission itself.
     */
    record RemoveDeadNode(String through, String hostId, String address, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Delete what is left of a datacenter that has left the ring: its empty StatefulSets, Services, budget, config. */
    record RemoveDatacenter(String datacenter, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Ask for {@code size} in these volume claims; Kubernetes grows the volumes under the running pods. */
    record ExpandVolumes(List<String> claims, String size, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }

        public ExpandVolumes {
            claims = List.copyOf(claims);
        }
    }

    /**
     * Delete this StatefulSet with its pods orphaned, so the next apply creates it with the new
     * volume claim template and adopts the pods; nothing restarts. Only the StatefulSet with this
     * uid: one of the same name created since (the plan came from a moment-old copy) stays.
     */
    record RecreateStatefulSet(String statefulSet, String uid, String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Create the managed superuser, retire the default role, replicate the auth keyspaces. */
    record InitializeAuth(String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }

    /** Everything is as desired. */
    record Converged(String reason) implements Action {
        @Override
        public <R, E extends Exception> R accept(Visitor<R, E> visitor) throws E {
            return visitor.visit(this);
        }
    }
}
