package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.JoinSpec;
import dev.cassini.api.v1alpha1.RebuildStatus;
import dev.cassini.contract.JobView;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.migration.DatacenterReplication;
import dev.cassini.model.migration.RebuildPlan;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.ClusterHistory;
import dev.cassini.model.plan.DatacenterJoin;
import dev.cassini.model.plan.DiskUsage;
import dev.cassini.model.plan.KnownNode;
import dev.cassini.model.plan.ObservedNode;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which datacenters join the running cluster, and where each stands, from the spec, what status
 * remembers (the Replicated and Rebuilt conditions, each node's rebuild job) and what the agents
 * say. Pure: the observer hands in what it fetched.
 */
final class JoinObservation {
    private JoinObservation() {}

    /**
     * The joining datacenters in spec order. A datacenter joins when status says its rebuild is not
     * done, or when none of its nodes ever joined while nodes of another datacenter did (it was
     * added to a running cluster) or the spec names external datacenters (it joins their ring). A
     * brand-new cluster has no joining datacenter: all its nodes start together.
     *
     * @param jobs the agent's view of each rebuild job status records, by pod; absent when the
     *     agent does not know the job
     * @param replication each keyspace's replication, read only while a join is not replicated;
     *     empty when not read
     */
    static List<DatacenterJoin> joins(
            ClusterShape shape,
            CassandraClusterStatus status,
            List<ObservedNode> nodes,
            Map<String, KnownNode> known,
            Map<String, Optional<JobView>> jobs,
            Map<String, Map<String, String>> replication) {
        List<DatacenterJoin> joins = new ArrayList<>();
        for (ClusterShape.DatacenterShape dc : shape.datacenters()) {
            Optional<DatacenterStatus> previous = datacenterStatus(status, dc.name());
            Optional<Boolean> rebuilt = condition(previous, DatacenterJoin.REBUILT);
            boolean addedToRunningRing = rebuilt.isEmpty()
                    && !everJoined(dc.name(), nodes, known, true)
                    && (everJoined(dc.name(), nodes, known, false) || shape.joinsExternalRing());
            if (!(rebuilt.isPresent() && !rebuilt.get()) && !addedToRunningRing) {
                continue;
            }
            JoinSpec join =
                    dc.spec().getJoin() == null ? new JoinSpec() : dc.spec().getJoin();
            Map<String, Integer> others = new LinkedHashMap<>();
            shape.datacenters().stream()
                    .filter(d -> !d.name().equals(dc.name()))
                    .forEach(d -> others.put(d.name(), d.size()));
            // An external datacenter's size is not ours to know: its replicas stay as they are.
            shape.externalDatacenters().forEach(name -> others.put(name, Integer.MAX_VALUE));
            String source = join.getRebuildFrom() != null
                    ? join.getRebuildFrom()
                    : others.keySet().stream().findFirst().orElse(dc.name());
            var wanted = join.getReplication();
            joins.add(new DatacenterJoin(
                    dc.name(),
                    source,
                    join.getMaxConcurrentRebuilds() == null ? 0 : join.getMaxConcurrentRebuilds(),
                    DatacenterReplication.systemFactor(dc.size()),
                    Optional.ofNullable(wanted == null ? null : wanted.getDefaultFactor()),
                    wanted == null || wanted.getKeyspaces() == null ? Map.of() : wanted.getKeyspaces(),
                    condition(previous, DatacenterJoin.REPLICATED).orElse(false),
                    rebuilds(dc.name(), source, nodes, previous, jobs),
                    others,
                    dev.cassini.model.plan.JoinReplication.simpleStrategyKeyspaces(replication, others)));
        }
        return joins;
    }

    /**
     * Each node of the joining datacenter with its rebuild's state. A rebuild status recorded as
     * succeeded stays so (an agent that restarted forgets its jobs); a recorded job the agent does
     * not know was cut short and runs again (Cassandra skips the ranges it streamed).
     */
    private static List<RebuildPlan.Node> rebuilds(
            String datacenter,
            String source,
            List<ObservedNode> nodes,
            Optional<DatacenterStatus> previous,
            Map<String, Optional<JobView>> jobs) {
        Map<String, RebuildStatus> recorded = new LinkedHashMap<>();
        previous.map(DatacenterStatus::getRebuilds).orElse(List.of()).forEach(r -> recorded.put(r.getPod(), r));
        // What a node of the joining datacenter receives: the source's data over the joining nodes,
        // when both keep as many replicas. An estimate: the rebuild checks the disk against it.
        long sourceBytes = nodes.stream()
                .filter(n -> n.slot().datacenter().equals(source))
                .map(n -> n.agent().map(AgentView::disk).orElse(null))
                .filter(d -> d != null)
                .mapToLong(DiskUsage::loadBytes)
                .sum();
        long members = nodes.stream()
                .filter(n -> n.slot().datacenter().equals(datacenter))
                .count();
        List<RebuildPlan.Node> result = new ArrayList<>();
        for (ObservedNode node : nodes) {
            if (!node.slot().datacenter().equals(datacenter)) {
                continue;
            }
            RebuildStatus entry = recorded.get(node.pod());
            RebuildPlan.State state = RebuildPlan.State.NOT_STARTED;
            String detail = entry == null ? null : entry.getDetail();
            RebuildPlan.Received received = null;
            if (entry != null && "SUCCEEDED".equals(entry.getState())) {
                state = RebuildPlan.State.SUCCEEDED;
            } else if (entry != null && entry.getJobId() != null) {
                Optional<JobView> job = jobs.getOrDefault(node.pod(), Optional.empty());
                if (job.isEmpty()) {
                    state = RebuildPlan.State.LOST;
                } else {
                    state = switch (job.get().state()) {
                        case RUNNING -> RebuildPlan.State.RUNNING;
                        case SUCCEEDED -> RebuildPlan.State.SUCCEEDED;
                        case FAILED -> RebuildPlan.State.FAILED;
                    };
                    detail = state == RebuildPlan.State.FAILED
                            ? (job.get().error() == null ? "failed" : job.get().error())
                            : job.get().progress();
                    received = received(job.get());
                }
            }
            DiskUsage disk = node.agent().map(AgentView::disk).orElse(null);
            result.add(new RebuildPlan.Node(
                    node.pod(),
                    node.slot().rack(),
                    state,
                    detail,
                    disk == null ? null : disk.freeBytes(),
                    members == 0 ? 0 : sourceBytes / members,
                    received));
        }
        return result;
    }

    /** What a rebuild job says it received; null from an agent too old to count it. */
    private static RebuildPlan.Received received(JobView job) {
        Long bytes = job.figures().get(dev.cassini.contract.RebuildRequest.RECEIVED_BYTES);
        if (bytes == null) {
            return null;
        }
        return new RebuildPlan.Received(
                bytes,
                job.figures().get(dev.cassini.contract.RebuildRequest.TOTAL_BYTES),
                job.startedAt(),
                job.finishedAt());
    }

    /** Whether a node of {@code datacenter} (or, with {@code inIt} false, of any other one) ever joined. */
    private static boolean everJoined(
            String datacenter, List<ObservedNode> nodes, Map<String, KnownNode> known, boolean inIt) {
        List<ObservedNode> those = nodes.stream()
                .filter(n -> n.slot().datacenter().equals(datacenter) == inIt)
                .toList();
        Map<String, KnownNode> knownOfThose = new LinkedHashMap<>();
        those.stream()
                .filter(n -> known.containsKey(n.pod()) && known.get(n.pod()).hostId() != null)
                .forEach(n -> knownOfThose.put(n.pod(), known.get(n.pod())));
        return ClusterHistory.ringFormed(knownOfThose, those);
    }

    static Optional<DatacenterStatus> datacenterStatus(CassandraClusterStatus status, String name) {
        if (status == null || status.getDatacenters() == null) {
            return Optional.empty();
        }
        return status.getDatacenters().stream()
                .filter(d -> name.equals(d.getName()))
                .findFirst();
    }

    private static Optional<Boolean> condition(Optional<DatacenterStatus> dc, String type) {
        return dc.map(DatacenterStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()))
                .map(Condition::getStatus)
                .map("True"::equals)
                .findFirst();
    }
}
