package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.RebuildStatus;
import dev.cassini.model.TransferRate;
import dev.cassini.model.migration.RebuildPlan;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.DatacenterJoin;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What status says of joining datacenters after a step: the Replicated and Rebuilt conditions and
 * each node's rebuild job. Pure, so a step repeated after a crash records the same thing. A
 * datacenter that no longer joins keeps its conditions (Rebuilt=True stays, as the record that
 * clients may use it).
 */
final class JoinStatus {
    private JoinStatus() {}

    static void apply(
            List<DatacenterStatus> datacenters,
            CassandraClusterStatus previous,
            List<DatacenterJoin> joins,
            Action action,
            Optional<String> failure,
            Map<String, String> startedJobs,
            Instant now) {
        for (DatacenterStatus dc : datacenters) {
            Optional<DatacenterStatus> before = JoinObservation.datacenterStatus(previous, dc.getName());
            Optional<DatacenterJoin> join = joins.stream()
                    .filter(j -> j.datacenter().equals(dc.getName()))
                    .findFirst();
            if (join.isEmpty()) {
                // A datacenter that has joined keeps the record of its join: conditions and each rebuild's figures.
                dc.setConditions(before.map(DatacenterStatus::getConditions).orElse(null));
                dc.setRebuilds(before.map(DatacenterStatus::getRebuilds).orElse(null));
                continue;
            }
            DatacenterJoin j = join.get();
            boolean replicated = j.replicated()
                    || (failure.isEmpty()
                            && action instanceof Action.ExtendReplication extend
                            && extend.join().datacenter().equals(j.datacenter()));
            List<RebuildStatus> rebuilds = new ArrayList<>();
            boolean allRebuilt = replicated && !j.rebuilds().isEmpty();
            for (RebuildPlan.Node node : j.rebuilds()) {
                String started = startedJobs.get(node.pod());
                Optional<RebuildStatus> recorded = before.map(DatacenterStatus::getRebuilds).orElse(List.of()).stream()
                        .filter(r -> node.pod().equals(r.getPod()))
                        .findFirst();
                String jobId = recorded.map(RebuildStatus::getJobId) // null once a failed job was reported
                        .orElse(null);
                RebuildPlan.State state = node.state();
                if (started != null && action instanceof Action.Rebuild) {
                    jobId = started;
                    state = RebuildPlan.State.RUNNING;
                }
                allRebuilt &= state == RebuildPlan.State.SUCCEEDED;
                if (state == RebuildPlan.State.NOT_STARTED) {
                    continue;
                }
                // A failed job is forgotten once reported, so the next reconcile starts the node again.
                RebuildStatus entry = new RebuildStatus(
                        node.pod(),
                        state == RebuildPlan.State.FAILED ? null : jobId,
                        state == RebuildPlan.State.LOST ? "RUNNING" : state.name(),
                        node.detail());
                progress(entry, node.received(), recorded, now);
                rebuilds.add(entry);
            }
            dc.setRebuilds(rebuilds.isEmpty() ? null : rebuilds);
            List<Condition> conditions = new ArrayList<>();
            conditions.add(condition(
                    before,
                    DatacenterJoin.REPLICATED,
                    replicated,
                    replicated ? "Replicated" : "Joining",
                    replicated
                            ? "the keyspaces have replicas in " + j.datacenter() + " and every node agreed on it"
                            : "the datacenter's nodes start, then the keyspaces get replicas in it",
                    now));
            conditions.add(condition(
                    before,
                    DatacenterJoin.REBUILT,
                    allRebuilt,
                    allRebuilt ? "Rebuilt" : replicated ? "Rebuilding" : "Joining",
                    allRebuilt
                            ? "every node rebuilt from " + j.source() + ": clients may switch to " + j.datacenter()
                            : "the datacenter does not hold all its data yet: keep clients off it; " + action.reason(),
                    now));
            dc.setConditions(conditions);
        }
    }

    private static Condition condition(
            Optional<DatacenterStatus> before, String type, boolean value, String reason, String message, Instant now) {
        return StatusConditions.of(
                before.map(DatacenterStatus::getConditions).orElse(null), type, value, reason, message, null, now);
    }

    /**
     * Bytes received, the rate and the time left, as the job measured them; kept from the last
     * status when the job no longer says (a finished job the agent forgot).
     */
    private static void progress(
            RebuildStatus entry, RebuildPlan.Received received, Optional<RebuildStatus> recorded, Instant now) {
        if (received == null) {
            recorded.ifPresent(r -> {
                entry.setReceivedBytes(r.getReceivedBytes());
                entry.setTotalBytes(r.getTotalBytes());
                entry.setBytesPerSecond(r.getBytesPerSecond());
                entry.setEtaSeconds(r.getEtaSeconds());
            });
            return;
        }
        entry.setReceivedBytes(received.bytes());
        entry.setTotalBytes(received.totalBytes());
        TransferRate.of(
                        received.bytes(),
                        received.totalBytes() == null
                                ? OptionalLong.empty()
                                : OptionalLong.of(Math.max(0, received.totalBytes() - received.bytes())),
                        received.startedAt(),
                        received.finishedAt(),
                        now)
                .ifPresent(rate -> {
                    entry.setBytesPerSecond(rate.bytesPerSecond());
                    entry.setEtaSeconds(rate.etaSeconds().orElse(null));
                });
    }
}
