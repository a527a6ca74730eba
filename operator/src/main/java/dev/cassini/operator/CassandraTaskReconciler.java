package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.CassandraTaskSpec;
import dev.cassini.api.v1alpha1.CassandraTaskStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.NodeTaskStatus;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.ClearSnapshotRequest;
import dev.cassini.contract.KeyspaceRequest;
import dev.cassini.contract.NodeReport;
import dev.cassini.contract.NodeState;
import dev.cassini.contract.ScrubRequest;
import dev.cassini.contract.TablesRequest;
import dev.cassini.contract.UpgradeSSTablesRequest;
import dev.cassini.model.task.TaskPlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a CassandraTask as a Kubernetes Job runs: its nodes are fixed from the cluster's status when
 * it starts; then each run reads every node's agent and job, asks {@link TaskPlan} which nodes go
 * next, starts their jobs (or restarts them), and writes status. The job ids live in status, so a
 * restarted operator follows the same jobs; a job an agent forgot (it restarted) is run again.
 */
@ControllerConfiguration(name = "cassandratask")
public final class CassandraTaskReconciler implements Reconciler<CassandraTask> {
    private static final Duration WHILE_RUNNING = Duration.ofSeconds(3);
    private static final Duration WHILE_PENDING = Duration.ofSeconds(10);
    /** A restart's "job": the time it was asked for, so the node counts as restarted once it serves after it. */
    private static final String RESTART_JOB = "restart@";

    private final KubernetesClient client;
    private final NodeAgents agents;
    private final EventRecorder events;

    public CassandraTaskReconciler(KubernetesClient client, NodeAgents agents) {
        this(client, agents, new ClusterEvents(client));
    }

    CassandraTaskReconciler(KubernetesClient client, NodeAgents agents, EventRecorder events) {
        this.client = client;
        this.agents = agents;
        this.events = events;
    }

    @Override
    public UpdateControl<CassandraTask> reconcile(CassandraTask task, Context<CassandraTask> context) {
        CassandraTaskStatus status = task.getStatus() == null ? new CassandraTaskStatus() : task.getStatus();
        if (JobConditions.finished(status.getPhase())) {
            return UpdateControl.noUpdate();
        }
        String previousPhase = status.getPhase();
        StatusSnapshot before = StatusSnapshot.of(status);
        CassandraTaskSpec spec = task.getSpec();
        String namespace = task.getMetadata().getNamespace();
        status.setObservedGeneration(task.getMetadata().getGeneration());
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(spec.getCluster())
                .get();
        Instant now = Instant.now();
        if (cluster == null
                || cluster.getStatus() == null
                || cluster.getStatus().getNodes() == null) {
            status.setPhase(JobConditions.PENDING);
            status.setMessage("cluster " + spec.getCluster() + " does not exist in namespace " + namespace
                    + " or has no nodes yet; the task starts once it has");
        } else {
            run(task, cluster, status, now);
        }
        JobPhaseChange.announce(events, task, "Task", previousPhase, status.getPhase(), status.getMessage());
        task.setStatus(status);
        // a node's job running on unchanged writes nothing: only a change is patched
        if (before.changed(status)) {
            CachedStatusPatch.patch(task, context);
        }
        UpdateControl<CassandraTask> control = UpdateControl.noUpdate();
        return JobConditions.finished(status.getPhase())
                ? control
                : control.rescheduleAfter(
                        JobConditions.RUNNING.equals(status.getPhase()) ? WHILE_RUNNING : WHILE_PENDING);
    }

    private void run(CassandraTask task, CassandraCluster cluster, CassandraTaskStatus status, Instant now) {
        CassandraTaskSpec spec = task.getSpec();
        List<NodeStatus> members = cluster.getStatus().getNodes();
        if (status.getNodes() == null) {
            status.setNodes(targets(spec, members));
            status.setStartTime(now.toString());
        }
        Map<String, String> ips = new LinkedHashMap<>();
        Map<String, NodeReport> reports = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            ips.put(member.getPod(), member.getIp());
            if (member.getIp() != null) {
                agents.view(member.getIp()).ifPresent(reply -> reports.put(member.getPod(), reply.node()));
            }
        }
        TaskPlan.Command command = TaskPlan.Command.valueOf(spec.getCommand().name());
        List<TaskPlan.Node> targets = new ArrayList<>();
        for (NodeTaskStatus node : status.getNodes()) {
            targets.add(observe(node, ips.get(node.getPod()), reports.get(node.getPod()), now));
        }
        Map<String, String> downElsewhere = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            boolean target = status.getNodes().stream().anyMatch(n -> n.getPod().equals(member.getPod()));
            NodeServing.whyNot(reports.get(member.getPod()))
                    .filter(why -> !target)
                    .ifPresent(why -> downElsewhere.put(member.getPod(), why));
        }
        TaskPlan.Step step = TaskPlan.next(
                command,
                TaskPlan.Concurrency.valueOf(spec.getConcurrency().name()),
                Objects.requireNonNullElse(spec.getMaxAttempts(), 3),
                targets,
                downElsewhere);
        if (step instanceof TaskPlan.Start start) {
            for (String pod : start.pods()) {
                start(spec, status, pod, ips.get(pod), now);
            }
        }
        long done = status.getNodes().stream()
                .filter(n -> JobConditions.SUCCEEDED.equals(n.getState()))
                .count();
        status.setProgress(done + "/" + status.getNodes().size());
        status.setMessage(step.reason());
        if (step instanceof TaskPlan.Complete complete) {
            status.setPhase(JobConditions.SUCCEEDED);
            status.setCompletionTime(now.toString());
            status.setConditions(List.of(JobConditions.condition("Complete", "TaskComplete", complete.reason())));
        } else if (step instanceof TaskPlan.Fail failed) {
            status.setPhase(JobConditions.FAILED);
            status.setCompletionTime(now.toString());
            status.setConditions(List.of(JobConditions.condition("Failed", "TaskFailed", failed.reason())));
        } else {
            boolean started = status.getNodes().stream().anyMatch(n -> n.getJob() != null);
            status.setPhase(started ? JobConditions.RUNNING : JobConditions.PENDING);
        }
    }

    /** The cluster's nodes the task covers, in the order it runs: datacenter, rack, pod. */
    static List<NodeTaskStatus> targets(CassandraTaskSpec spec, List<NodeStatus> members) {
        return members.stream()
                .filter(m ->
                        spec.getDatacenters() == null || spec.getDatacenters().contains(m.getDatacenter()))
                .filter(m -> spec.getRacks() == null || spec.getRacks().contains(m.getRack()))
                .filter(m -> spec.getPods() == null || spec.getPods().contains(m.getPod()))
                .sorted(Comparator.comparing(NodeStatus::getDatacenter)
                        .thenComparing(NodeStatus::getRack)
                        .thenComparing(NodeStatus::getPod))
                .map(m -> {
                    NodeTaskStatus n = new NodeTaskStatus();
                    n.setPod(m.getPod());
                    n.setDatacenter(m.getDatacenter());
                    n.setRack(m.getRack());
                    n.setState(JobConditions.PENDING);
                    n.setAttempts(0);
                    return n;
                })
                .toList();
    }

    /**
     * Where a node's part stands; its status takes what the agent said. A part seen ended now
     * completes at {@code now}, the time the next node's part starts from, so the two never overlap
     * in status.
     */
    private TaskPlan.Node observe(NodeTaskStatus node, String ip, NodeReport report, Instant now) {
        TaskPlan.State state;
        if (node.getJob() != null
                && node.getJob().startsWith(RESTART_JOB)
                && JobConditions.RUNNING.equals(node.getState())) {
            Instant asked = Instant.parse(node.getJob().substring(RESTART_JOB.length()));
            boolean back = report != null
                    && report.state() == NodeState.NORMAL
                    && report.servingSince() != null
                    && report.servingSince().isAfter(asked);
            if (back) {
                node.setState(JobConditions.SUCCEEDED);
                node.setMessage("serving again since " + report.servingSince());
                node.setCompletionTime(now.toString());
            }
            state = back ? TaskPlan.State.SUCCEEDED : TaskPlan.State.RUNNING;
        } else {
            NodeJobObservation observed =
                    NodeJobObservation.of(agents, node.getPod(), ip, node.getJob(), node.getState(), node.getMessage());
            observed.statusState().ifPresent(s -> {
                if (!s.equals(node.getState()) && !JobConditions.RUNNING.equals(s)) {
                    node.setCompletionTime(now.toString());
                }
                node.setState(s);
            });
            observed.statusMessage().ifPresent(node::setMessage);
            state = switch (observed.node().state()) {
                case NOT_STARTED ->
                    JobConditions.FAILED.equals(node.getState()) ? TaskPlan.State.FAILED : TaskPlan.State.PENDING;
                case RUNNING, UNREACHABLE -> TaskPlan.State.RUNNING;
                case SUCCEEDED -> TaskPlan.State.SUCCEEDED;
                case FAILED -> TaskPlan.State.FAILED;
                case LOST -> TaskPlan.State.LOST;
            };
        }
        return new TaskPlan.Node(
                node.getPod(),
                node.getDatacenter(),
                node.getRack(),
                state,
                Objects.requireNonNullElse(node.getAttempts(), 0),
                NodeServing.whyNot(report),
                node.getMessage());
    }

    /** Starts one node's part: the agent job of the command, or a restart. */
    private void start(CassandraTaskSpec spec, CassandraTaskStatus status, String pod, String ip, Instant now) {
        NodeTaskStatus node = status.getNodes().stream()
                .filter(n -> n.getPod().equals(pod))
                .findFirst()
                .orElseThrow();
        if (ip == null) {
            node.setMessage("no address yet");
            return;
        }
        int attempts = Objects.requireNonNullElse(node.getAttempts(), 0);
        node.setAttempts(attempts + 1);
        node.setStartTime(now.toString());
        node.setCompletionTime(null);
        try {
            String job;
            switch (spec.getCommand()) {
                case Restart -> {
                    agents.restart(ip);
                    job = RESTART_JOB + now;
                }
                default -> job = agents.maintenance(ip, operation(spec), request(spec));
            }
            node.setJob(job);
            node.setState(JobConditions.RUNNING);
            node.setMessage("started");
        } catch (NodeAgentClient.AgentException e) {
            if (e.status == 409) {
                // another exclusive job (a repair session, a backup) holds the node: wait for it, no attempt spent
                node.setAttempts(attempts);
                node.setStartTime(null);
                node.setMessage("waiting: " + e.getMessage());
                return;
            }
            node.setState(JobConditions.FAILED);
            node.setMessage(e.getMessage());
        } catch (IOException | RuntimeException e) {
            node.setState(JobConditions.FAILED);
            node.setMessage("could not start: " + e.getMessage());
        }
    }

    static String operation(CassandraTaskSpec spec) {
        return switch (spec.getCommand()) {
            case Cleanup -> AgentRoutes.CLEANUP;
            case Compact -> AgentRoutes.COMPACT;
            case UpgradeSSTables -> AgentRoutes.UPGRADESSTABLES;
            case Scrub -> AgentRoutes.SCRUB;
            case GarbageCollect -> AgentRoutes.GARBAGECOLLECT;
            case Flush -> AgentRoutes.FLUSH;
            case ClearSnapshot -> AgentRoutes.CLEARSNAPSHOT;
            case Rebuild -> AgentRoutes.REBUILD;
            case Restart -> AgentRoutes.RESTART;
        };
    }

    /** The agent request of the command: one keyspace (the first asked for), its tables, the options. */
    static Object request(CassandraTaskSpec spec) {
        String keyspace = spec.getKeyspaces() == null || spec.getKeyspaces().isEmpty()
                ? null
                : spec.getKeyspaces().get(0);
        List<String> tables = spec.getTables() == null
                ? null
                : spec.getTables().stream()
                        .map(t -> t.substring(t.indexOf('.') + 1))
                        .toList();
        if (keyspace == null && spec.getTables() != null && !spec.getTables().isEmpty()) {
            keyspace =
                    spec.getTables().get(0).substring(0, spec.getTables().get(0).indexOf('.'));
        }
        return switch (spec.getCommand()) {
            case Cleanup, Flush -> new KeyspaceRequest(keyspace);
            case Rebuild -> new dev.cassini.contract.RebuildRequest(spec.getSourceDatacenter(), keyspace);
            case Compact, GarbageCollect -> new TablesRequest(keyspace, tables);
            case UpgradeSSTables -> new UpgradeSSTablesRequest(keyspace, tables, true);
            case Scrub -> new ScrubRequest(keyspace, tables, null, null, null, null);
            case ClearSnapshot -> new ClearSnapshotRequest(spec.getSnapshotTag(), spec.getKeyspaces());
            default -> null;
        };
    }
}
