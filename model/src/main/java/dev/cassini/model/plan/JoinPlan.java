package dev.cassini.model.plan;

import dev.cassini.model.migration.RebuildPlan;
import java.util.Optional;

/**
 * The next step of the datacenters that join a running cluster, once all their nodes are NORMAL:
 * replicas for the keyspaces first, then the rebuilds. One datacenter at a time, in spec order, so
 * two joins never compete for the same source's disks and network.
 */
public final class JoinPlan {
    private JoinPlan() {}

    /** Empty when no datacenter is joining, or every joining one holds its data. */
    public static Optional<Action> next(ObservedCluster cluster) {
        for (DatacenterJoin join : cluster.joins()) {
            if (!join.replicated()) {
                return Optional.of(new Action.ExtendReplication(
                        join,
                        "datacenter " + join.datacenter() + " joined the ring: giving it replicas of the keyspaces"
                                + " (every other datacenter's replication stays as it is)"));
            }
            RebuildPlan.Step step = RebuildPlan.next(join.rebuilds(), join.source(), join.maxConcurrentRebuilds());
            Optional<Action> action;
            if (step instanceof RebuildPlan.Start start) {
                action = Optional.of(new Action.Rebuild(start.pods(), join.source(), datacenter(join, start.reason())));
            } else if (step instanceof RebuildPlan.Rebuilt) {
                action = Optional.empty();
            } else if (step instanceof RebuildPlan.Wait) {
                action = Optional.of(new Action.Wait(datacenter(join, step.reason())));
            } else {
                // Refuse (too little disk) or Fail (a rebuild failed): the datacenter keeps what it has
                // and the reason says what to do; the rest of the cluster keeps serving.
                action = Optional.of(new Action.Refuse(Action.Refuse.REBUILD, datacenter(join, step.reason())));
            }
            if (action.isPresent()) {
                return action;
            }
        }
        return Optional.empty();
    }

    private static String datacenter(DatacenterJoin join, String reason) {
        return "datacenter " + join.datacenter() + " joins: " + reason;
    }
}
