package dev.cassini.model.plan;

import java.util.List;

/** The one step the operator takes next. Each is idempotent: repeating it after a crash is safe. */
public sealed interface Action {
    /** Why this step; shown in status (Progressing reason) and in events. */
    String reason();

    /** Nothing to do but wait for something under way (pods scheduling, a node starting). */
    record Wait(String reason) implements Action {}

    /** Persist this seed list on these pods' agents and reload it in running nodes. */
    record PushSeeds(List<String> pods, List<String> seeds, String reason) implements Action {
        public PushSeeds {
            pods = List.copyOf(pods);
            seeds = List.copyOf(seeds);
        }
    }

    /** Start Cassandra on these nodes, all at once. */
    record StartNodes(List<StartNode> nodes, String reason) implements Action {
        public StartNodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** Drain and stop Cassandra on these nodes. */
    record StopNodes(List<String> pods, String reason) implements Action {
        public StopNodes {
            pods = List.copyOf(pods);
        }
    }

    /**
     * Drain and stop this node, then delete its pod so the StatefulSet recreates it from the new
     * template; the next steps start it again with its data.
     */
    record RestartNode(String pod, String reason) implements Action {}

    /** Stream this node's data to the others and take it out of the ring (it runs beyond the desired size). */
    record Decommission(String pod, String reason) implements Action {}

    /** This decommissioned node's StatefulSet shrinks by one, which removes its pod and its volume. */
    record RemoveNode(String pod, String statefulSet, int replicas, String reason) implements Action {}

    /**
     * Record in status, before a node bootstraps, that these nodes will hold data for ranges it
     * takes over; their cleanup runs once every node is up again, even if the operator restarts.
     */
    record MarkForCleanup(List<String> pods, String reason) implements Action {
        public MarkForCleanup {
            pods = List.copyOf(pods);
        }
    }

    /** Start (or adopt the running) cleanup job on this node: drop data of ranges it no longer replicates. */
    record Cleanup(String pod, String reason) implements Action {}

    /** A change the spec asks for is unsafe now; the cluster keeps serving as it is and status says why. */
    record Refuse(String kind, String reason) implements Action {
        /** Kinds, shown as the Degraded condition's reason. */
        public static final String SCALE_DOWN = "ScaleDownRefused";
        public static final String DATACENTER_REMOVAL = "DatacenterRemovalRefused";
        public static final String NAME_CLASH = "NameClash";
    }

    /** Create the managed superuser, retire the default role, replicate the auth keyspaces. */
    record InitializeAuth(String reason) implements Action {}

    /** Everything is as desired. */
    record Converged(String reason) implements Action {}
}
