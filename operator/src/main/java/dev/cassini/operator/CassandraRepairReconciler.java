package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRepairSpec;
import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.RepairKeyspaceStatus;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import dev.cassini.contract.JobView;
import dev.cassini.contract.NodeReport;
import dev.cassini.contract.NodeState;
import dev.cassini.contract.RepairParallelism;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.TokenRange;
import dev.cassini.model.repair.RepairLedger;
import dev.cassini.model.repair.RepairPlan;
import dev.cassini.model.repair.RepairProgress;
import dev.cassini.model.repair.RepairSegment;
import dev.cassini.model.repair.RepairSegments;
import dev.cassini.model.repair.RepairSelection;
import dev.cassini.model.repair.RepairStatusLedger;
import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a CassandraRepair: on its first run it fixes the tables it covers (smallest first) from the
 * schema; then, every run, it reads each node's agent, folds the sessions that ended into the
 * ledger in status, asks {@link RepairPlan} which segments to start, has their coordinators' agents
 * start them, and writes status. The ring is read anew each time, so segments follow a ring that
 * changes; what is done is kept as token spans, so nothing done is repeated.
 */
@ControllerConfiguration(name = "cassandrarepair")
public final class CassandraRepairReconciler implements Reconciler<CassandraRepair> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraRepairReconciler.class);
    /**
     * While sessions run, a reconcile first waits (at most this long) for one of their jobs to end,
     * asking the agents to answer when it does: the next segment starts the moment a session ends,
     * with no poll between, and a quiet repair costs a request per session every few seconds.
     */
    private static final Duration SESSION_WAIT = Duration.ofSeconds(5);

    /** Then it comes straight back: the wait above paces it. */
    private static final Duration WHILE_RUNNING = Duration.ofMillis(50);

    private static final Duration WHILE_WAITING = Duration.ofSeconds(10);
    /** How long past its timeout a session the agent does not report as ended is given. */
    private static final Duration TIMEOUT_GRACE = Duration.ofMinutes(2);

    private static final int MAX_ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    static final String SUSPENDED = "Suspended";

    private final KubernetesClient client;
    private final NodeAgents agents;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Function<CassandraCluster, RepairScope> scopes;
    private final Function<CassandraCluster, Map<String, List<String>>> tokensByHostId;
    private final Clock clock;
    /** The last tokens each node reported, so a node that is down still has its place in the ring. */
    private final Map<String, List<Long>> knownTokens = new ConcurrentHashMap<>();

    public CassandraRepairReconciler(KubernetesClient client, NodeAgents agents, OperatorMetrics metrics) {
        this(
                client,
                agents,
                new ClusterEvents(client),
                metrics,
                cluster -> {
                    try (var session = ClusterSchema.connect(client, cluster)) {
                        return RepairScope.read(session);
                    }
                },
                cluster -> {
                    try (var session = ClusterSchema.connect(client, cluster)) {
                        return ClusterSchema.tokensByHostId(session);
                    }
                },
                Clock.systemUTC());
    }

    CassandraRepairReconciler(
            KubernetesClient client,
            NodeAgents agents,
            EventRecorder events,
            OperatorMetrics metrics,
            Function<CassandraCluster, RepairScope> scopes,
            Function<CassandraCluster, Map<String, List<String>>> tokensByHostId,
            Clock clock) {
        this.client = client;
        this.agents = agents;
        this.events = events;
        this.metrics = metrics;
        this.scopes = scopes;
        this.tokensByHostId = tokensByHostId;
        this.clock = clock;
    }

    @Override
    public UpdateControl<CassandraRepair> reconcile(CassandraRepair repair, Context<CassandraRepair> context) {
        CassandraRepairStatus status = repair.getStatus() == null ? new CassandraRepairStatus() : repair.getStatus();
        if (JobConditions.finished(status.getPhase())) {
            finished(repair, status, false);
            return UpdateControl.noUpdate();
        }
        String previousPhase = status.getPhase();
        StatusSnapshot before = StatusSnapshot.of(status);
        String namespace = repair.getMetadata().getNamespace();
        String clusterName = repair.getSpec().getCluster();
        status.setObservedGeneration(repair.getMetadata().getGeneration());
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(clusterName)
                .get();
        Instant now = clock.instant();
        if (cluster == null) {
            pending(
                    status,
                    "cluster " + clusterName + " does not exist in namespace " + namespace
                            + "; the repair starts once it does and is Ready");
        } else if (status.getTables() == null) {
            fixScope(repair, cluster, status, now);
        } else {
            run(repair, cluster, status, now);
        }
        JobPhaseChange.announce(events, repair, "Repair", previousPhase, status.getPhase(), status.getMessage());
        if (JobConditions.finished(status.getPhase()) && !Objects.equals(previousPhase, status.getPhase())) {
            finished(repair, status, true);
        }
        repair.setStatus(status);
        // a steady wait (a node resting, a replica down) writes nothing: only a change is patched,
        // and the ETA alone, which moves with the clock, is not a change
        if (before.changed(status, "etaSeconds")) {
            CachedStatusPatch.patch(repair, context);
        }
        UpdateControl<CassandraRepair> control = UpdateControl.noUpdate();
        if (JobConditions.finished(status.getPhase())) {
            return control;
        }
        return control.rescheduleAfter(nextLook(status, now));
    }

    /**
     * While a session runs, its end is seen only by asking its agent, so ask every second; otherwise
     * wake when a rest ends or a retry falls due, and at least every {@link #WHILE_WAITING} to see a
     * node come back or compactions drain.
     */
    private static Duration nextLook(CassandraRepairStatus status, Instant now) {
        RepairLedger ledger = RepairStatusLedger.read(status);
        if (!ledger.running().isEmpty()) {
            return WHILE_RUNNING;
        }
        RepairPlan.Settings retries = new RepairPlan.Settings(false, 0, MAX_ATTEMPTS, RETRY_DELAY);
        return RepairPlan.nextDue(ledger, retries, now)
                .map(due -> Duration.between(now, due))
                .filter(wait -> wait.compareTo(WHILE_WAITING) < 0)
                .map(wait -> wait.compareTo(WHILE_RUNNING) < 0 ? WHILE_RUNNING : wait)
                .orElse(WHILE_WAITING);
    }

    private void finished(CassandraRepair repair, CassandraRepairStatus status, boolean justFinished) {
        metrics.repairFinished(
                repair.getMetadata().getNamespace(),
                repair.getSpec().getCluster(),
                JobConditions.SUCCEEDED.equals(status.getPhase()),
                justFinished,
                status.getCompletionTime() == null ? null : Instant.parse(status.getCompletionTime()));
    }

    /** The first run: which tables, in which order, and each keyspace's replication. */
    private void fixScope(CassandraRepair repair, CassandraCluster cluster, CassandraRepairStatus status, Instant now) {
        CassandraRepairSpec spec = repair.getSpec();
        if (!JobConditions.ready(cluster)) {
            pending(
                    status,
                    "cluster " + spec.getCluster() + " is not Ready ("
                            + (cluster.getStatus() == null
                                    ? "no status yet"
                                    : cluster.getStatus().getStep())
                            + "); the repair starts once it is");
            return;
        }
        RepairScope scope;
        try {
            scope = scopes.apply(cluster);
        } catch (RuntimeException e) {
            pending(
                    status,
                    "could not read the schema of cluster " + spec.getCluster() + ": " + e.getMessage()
                            + "; trying again");
            return;
        }
        RepairSelection.Result selection = RepairSelection.select(
                orEmpty(spec.getKeyspaces()),
                orEmpty(spec.getTables()),
                orEmpty(spec.getDatacenters()),
                scope.tables(),
                scope.replication(),
                scope.sizes(),
                managedDatacenters(cluster));
        if (selection.refusal().isPresent()) {
            fail(status, "RepairRefused", selection.refusal().get(), now);
            return;
        }
        List<RepairTableStatus> tables = new ArrayList<>();
        Map<String, RepairKeyspaceStatus> keyspaces = new LinkedHashMap<>();
        for (RepairSelection.Table table : selection.tables()) {
            RepairTableStatus entry = new RepairTableStatus();
            entry.setName(table.name());
            entry.setSizeBytes(table.sizeBytes());
            tables.add(entry);
            keyspaces.computeIfAbsent(table.keyspace(), ks -> {
                RepairKeyspaceStatus k = new RepairKeyspaceStatus();
                k.setName(ks);
                k.setReplication(new java.util.TreeMap<>(scope.replication().get(ks)));
                k.setBytesStreamed(0L);
                return k;
            });
        }
        status.setTables(tables);
        status.setKeyspaces(new ArrayList<>(keyspaces.values()));
        status.setStartTime(now.toString());
        status.setBytesStreamed(0L);
        status.setPhase(JobConditions.RUNNING);
        status.setMessage("repairing " + tables.size() + " table(s) of " + keyspaces.size() + " keyspace(s)");
    }

    private void run(CassandraRepair repair, CassandraCluster cluster, CassandraRepairStatus status, Instant now) {
        CassandraRepairSpec spec = repair.getSpec();
        String key = repair.getMetadata().getNamespace() + "/" + spec.getCluster() + "/";
        List<NodeStatus> members =
                cluster.getStatus() == null || cluster.getStatus().getNodes() == null
                        ? List.of()
                        : cluster.getStatus().getNodes();
        Map<String, String> ips = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            ips.put(member.getPod(), member.getIp());
        }
        RepairLedger ledger = RepairStatusLedger.read(status);
        Map<String, String> runningJobs = new LinkedHashMap<>();
        for (RepairLedger.Running session : ledger.running()) {
            String ip = ips.get(session.coordinator());
            if (ip != null && session.job() != null) {
                runningJobs.put(ip, session.job());
            }
        }
        if (!Boolean.TRUE.equals(spec.getSuspend()) && !runningJobs.isEmpty()) {
            agents.awaitAnyEnd(runningJobs, SESSION_WAIT);
            now = clock.instant();
        }
        Map<String, NodeReport> reports = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            if (member.getIp() != null) {
                agents.view(member.getIp()).ifPresent(reply -> reports.put(member.getPod(), reply.node()));
            }
        }
        Optional<TokenRing> ring = ring(cluster, members, reports, key);
        ledger = settle(repair, ledger, status, ips, reports, now);
        if (ring.isEmpty()) {
            RepairStatusLedger.write(ledger, status);
            status.setMessage("waiting to learn every node's tokens (a node is down and the ring could not be read"
                    + " over CQL); the repair goes on once they are known");
            return;
        }
        List<RepairPlan.Table> tables = tables(spec, status, ring.get());
        Map<String, String> seenDown = seenDown(members, reports);
        Map<String, RepairPlan.Node> nodes = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            nodes.put(member.getPod(), health(reports.get(member.getPod()), seenDown.get(member.getIp())));
        }
        RepairPlan.Settings settings = new RepairPlan.Settings(
                Boolean.TRUE.equals(spec.getSuspend()),
                Objects.requireNonNullElse(spec.getMaxPendingCompactions(), 20),
                MAX_ATTEMPTS,
                RETRY_DELAY);
        RepairPlan.Step step = RepairPlan.next(tables, nodes, ledger, settings, now);
        if (step instanceof RepairPlan.Start start) {
            ledger = start(repair, start, ledger, ips, reports, now);
        }
        RepairStatusLedger.write(ledger, status);
        progress(repair, status, tables, ledger, now);
        if (step instanceof RepairPlan.Complete complete) {
            status.setPhase(JobConditions.SUCCEEDED);
            status.setMessage(complete.reason());
            status.setCompletionTime(now.toString());
            status.setEtaSeconds(0L);
            status.setConditions(List.of(JobConditions.condition("Complete", "RepairComplete", complete.reason())));
        } else if (step instanceof RepairPlan.Fail failed) {
            fail(status, "SegmentsFailed", failed.reason(), now);
        } else if (step instanceof RepairPlan.Suspended suspended) {
            status.setPhase(SUSPENDED);
            status.setMessage(suspended.reason());
        } else {
            status.setPhase(JobConditions.RUNNING);
            status.setMessage(status.getProgress() + " segments; " + step.reason());
        }
    }

    /**
     * Folds the sessions that ended into the ledger: a completed one's spans are repaired (and what
     * its replicas sent counted), a failed or lost one counts an attempt.
     */
    private RepairLedger settle(
            CassandraRepair repair,
            RepairLedger ledger,
            CassandraRepairStatus status,
            Map<String, String> ips,
            Map<String, NodeReport> reports,
            Instant now) {
        CassandraRepairSpec spec = repair.getSpec();
        String namespace = repair.getMetadata().getNamespace();
        int runningBefore = ledger.running().size();
        Duration timeout = Duration.ofSeconds(Objects.requireNonNullElse(spec.getSegmentTimeoutSeconds(), 1800))
                .plus(TIMEOUT_GRACE);
        double intensity = Objects.requireNonNullElse(spec.getIntensity(), 1.0);
        int succeeded = 0;
        for (RepairLedger.Running session : ledger.running()) {
            boolean overdue = now.isAfter(session.startedAt().plus(timeout));
            String ip = ips.get(session.coordinator());
            Optional<JobView> view;
            try {
                view = ip == null || session.job() == null ? null : agents.job(ip, session.job());
            } catch (IOException | RuntimeException e) {
                view = null;
            }
            if (view == null) {
                if (overdue) {
                    ledger = ledger.failed(
                            session,
                            "the coordinator " + session.coordinator() + " did not answer past the session's timeout",
                            now);
                }
                continue;
            }
            if (view.isEmpty()) {
                ledger = ledger.failed(
                        session, "the agent of " + session.coordinator() + " restarted and lost the session", now);
                continue;
            }
            switch (view.get().state()) {
                case SUCCEEDED -> {
                    metrics.repairSegmentDone(namespace, spec.getCluster(), count(status, session, reports));
                    ledger = ledger.succeeded(session, now, intensity);
                    succeeded++;
                }
                case FAILED -> ledger = ledger.failed(session, view.get().error(), now);
                case RUNNING -> {
                    if (overdue) {
                        ledger = ledger.failed(session, "the session ran past its timeout", now);
                    }
                }
            }
        }
        // Every session that left the running list without completing failed.
        for (int i = ledger.running().size() + succeeded; i < runningBefore; i++) {
            metrics.repairSegmentFailed(namespace, spec.getCluster());
        }
        return ledger;
    }

    /** Adds what the session's replicas sent each other (their repair bytes since it started). */
    private static long count(
            CassandraRepairStatus status, RepairLedger.Running session, Map<String, NodeReport> reports) {
        long sent = 0;
        for (Map.Entry<String, Long> start : session.sentAtStart().entrySet()) {
            NodeReport report = reports.get(start.getKey());
            if (report != null && report.repairBytesSent() != null) {
                sent += Math.max(0, report.repairBytesSent() - start.getValue());
            }
        }
        status.setBytesStreamed(Objects.requireNonNullElse(status.getBytesStreamed(), 0L) + sent);
        String keyspace = session.table().substring(0, session.table().indexOf('.'));
        for (RepairKeyspaceStatus k : orEmpty(status.getKeyspaces())) {
            if (k.getName().equals(keyspace)) {
                k.setBytesStreamed(Objects.requireNonNullElse(k.getBytesStreamed(), 0L) + sent);
            }
        }
        return sent;
    }

    private RepairLedger start(
            CassandraRepair repair,
            RepairPlan.Start start,
            RepairLedger ledger,
            Map<String, String> ips,
            Map<String, NodeReport> reports,
            Instant now) {
        CassandraRepairSpec spec = repair.getSpec();
        for (RepairPlan.Launch launch : start.launches()) {
            RepairSegment segment = launch.segment();
            String table = launch.table();
            int dot = table.indexOf('.');
            Map<String, Long> sentAtStart = new LinkedHashMap<>();
            for (String pod : segment.replicas()) {
                NodeReport report = reports.get(pod);
                if (report != null && report.repairBytesSent() != null) {
                    sentAtStart.put(pod, report.repairBytesSent());
                }
            }
            RepairRequest request = new RepairRequest(
                    repair.getMetadata().getName(),
                    table + "@" + segment.name(),
                    table.substring(0, dot),
                    List.of(table.substring(dot + 1)),
                    segment.spans().stream()
                            .map(s -> new TokenRange(Long.toString(s.start()), Long.toString(s.end())))
                            .toList(),
                    spec.getDatacenters() == null || spec.getDatacenters().isEmpty() ? null : spec.getDatacenters(),
                    parallelism(spec),
                    Boolean.TRUE.equals(spec.getIncremental()),
                    (long) Objects.requireNonNullElse(spec.getSegmentTimeoutSeconds(), 1800));
            RepairLedger.Running session = new RepairLedger.Running(
                    table,
                    segment.spans(),
                    segment.replicas(),
                    segment.coordinator(),
                    null,
                    now,
                    launch.attempt(),
                    sentAtStart);
            try {
                String job = agents.repair(ips.get(segment.coordinator()), request);
                ledger = ledger.started(session).withJob(session, job);
            } catch (NodeAgentClient.AgentException e) {
                if (e.status == 400) {
                    // The agent refused the request itself: a retry of the same would be refused too.
                    ledger = ledger.started(session).failed(session, e.getMessage(), now);
                } else {
                    LOG.info(
                            "repair {}: could not start {} on {}: {}; trying again",
                            repair.getMetadata().getName(),
                            request.segment(),
                            segment.coordinator(),
                            e.getMessage());
                }
            } catch (IOException | RuntimeException e) {
                LOG.info(
                        "repair {}: could not start {} on {}: {}; trying again",
                        repair.getMetadata().getName(),
                        request.segment(),
                        segment.coordinator(),
                        e.getMessage());
            }
        }
        return ledger;
    }

    private static RepairParallelism parallelism(CassandraRepairSpec spec) {
        if (spec.getParallelism() == null) {
            return RepairParallelism.PARALLEL;
        }
        return switch (spec.getParallelism()) {
            case Parallel -> RepairParallelism.PARALLEL;
            case Sequential -> RepairParallelism.SEQUENTIAL;
            case DatacenterAware -> RepairParallelism.DATACENTER_AWARE;
        };
    }

    /**
     * Each table with its segments on this ring, in the order status fixed: its keyspace's ring cut
     * into as many segments per node as its size calls for, up to segmentsPerNode.
     */
    private static List<RepairPlan.Table> tables(
            CassandraRepairSpec spec, CassandraRepairStatus status, TokenRing ring) {
        Set<String> datacenters = new HashSet<>(orEmpty(spec.getDatacenters()));
        Map<String, Replication> replications = new LinkedHashMap<>();
        for (RepairKeyspaceStatus keyspace : orEmpty(status.getKeyspaces())) {
            replications.put(keyspace.getName(), Replication.of(keyspace.getReplication()));
        }
        int segmentsPerNode = Objects.requireNonNullElse(spec.getSegmentsPerNode(), 16);
        long minSegmentBytes = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                        new io.fabric8.kubernetes.api.model.Quantity(
                                Objects.requireNonNullElse(spec.getMinSegmentSize(), "128Mi")))
                .longValue();
        Map<String, List<RepairSegment>> cut = new HashMap<>();
        List<RepairPlan.Table> tables = new ArrayList<>();
        for (RepairTableStatus table : status.getTables()) {
            String keyspace = table.getName().substring(0, table.getName().indexOf('.'));
            Replication replication = replications.get(keyspace);
            if (replication == null) {
                tables.add(new RepairPlan.Table(table.getName(), List.of()));
                continue;
            }
            int perNode = RepairSegments.segmentsPerNodeFor(table.getSizeBytes(), segmentsPerNode, minSegmentBytes);
            List<RepairSegment> segments = cut.computeIfAbsent(
                    keyspace + "/" + perNode,
                    k -> Boolean.TRUE.equals(spec.getIncremental())
                            ? RepairSegments.perNode(ring, replication, datacenters)
                            : RepairSegments.of(ring, replication, datacenters, perNode));
            tables.add(new RepairPlan.Table(table.getName(), segments));
        }
        return tables;
    }

    /**
     * The ring of the cluster's nodes: each node's tokens as it reports them, or as it last did, or
     * as the ring read over CQL has them; empty while some node's are not known at all.
     */
    private Optional<TokenRing> ring(
            CassandraCluster cluster, List<NodeStatus> members, Map<String, NodeReport> reports, String key) {
        for (Map.Entry<String, NodeReport> entry : reports.entrySet()) {
            List<String> tokens = entry.getValue().tokens();
            if (tokens != null && !tokens.isEmpty()) {
                knownTokens.put(
                        key + entry.getKey(),
                        tokens.stream().map(Long::parseLong).toList());
            }
        }
        boolean missing = members.stream().anyMatch(m -> !knownTokens.containsKey(key + m.getPod()));
        if (missing) {
            try {
                Map<String, List<String>> byHostId = tokensByHostId.apply(cluster);
                for (NodeStatus member : members) {
                    List<String> tokens = member.getHostId() == null ? null : byHostId.get(member.getHostId());
                    if (tokens != null && !tokens.isEmpty()) {
                        knownTokens.put(
                                key + member.getPod(),
                                tokens.stream().map(Long::parseLong).toList());
                    }
                }
            } catch (RuntimeException e) {
                LOG.info("could not read the ring of {} over CQL: {}", key, e.getMessage());
            }
        }
        List<TokenRing.Node> nodes = new ArrayList<>();
        for (NodeStatus member : members) {
            List<Long> tokens = knownTokens.get(key + member.getPod());
            if (tokens == null) {
                return Optional.empty();
            }
            nodes.add(new TokenRing.Node(member.getPod(), member.getDatacenter(), member.getRack(), tokens));
        }
        return nodes.isEmpty() ? Optional.empty() : Optional.of(TokenRing.of(nodes));
    }

    /**
     * Whether a node can take part: its agent says Cassandra is NORMAL, and no serving node's
     * failure detector has it down. A node that has just restarted is NORMAL to itself seconds
     * before gossip tells its peers, and a session started then fails with "Endpoint not alive".
     */
    private static RepairPlan.Node health(NodeReport report, String seenDownBy) {
        Optional<String> notServing = NodeServing.whyNot(report);
        if (notServing.isPresent()) {
            return RepairPlan.Node.down("is not serving (" + notServing.get() + ")");
        }
        if (seenDownBy != null) {
            return RepairPlan.Node.down("is seen down by " + seenDownBy);
        }
        return RepairPlan.Node.serving(report.pendingCompactions());
    }

    /** The addresses some serving node's failure detector has down, each with the first pod that says so. */
    private Map<String, String> seenDown(List<NodeStatus> members, Map<String, NodeReport> reports) {
        Map<String, String> down = new LinkedHashMap<>();
        for (NodeStatus member : members) {
            NodeReport report = reports.get(member.getPod());
            if (report == null || report.state() != NodeState.NORMAL || member.getIp() == null) {
                continue;
            }
            try {
                for (dev.cassini.contract.RingEndpoint endpoint : agents.ring(member.getIp())) {
                    if (!endpoint.up()) {
                        down.putIfAbsent(endpoint.address(), member.getPod());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Its own report said NORMAL; a view it cannot give now is looked at again next time.
            }
        }
        return down;
    }

    /** Counts, ETA and per-keyspace completion (with an event for each keyspace done). */
    private void progress(
            CassandraRepair repair,
            CassandraRepairStatus status,
            List<RepairPlan.Table> tables,
            RepairLedger ledger,
            Instant now) {
        Map<String, RepairProgress.Count> byTable = RepairProgress.byTable(tables, ledger);
        for (RepairTableStatus table : status.getTables()) {
            RepairProgress.Count count = byTable.get(table.getName());
            table.setSegments(count.total());
            table.setSegmentsDone(count.done());
            if (count.complete() && table.getCompletionTime() == null) {
                table.setCompletionTime(now.toString());
            }
        }
        Map<String, RepairProgress.Count> byKeyspace = RepairProgress.byKeyspace(byTable);
        for (RepairKeyspaceStatus keyspace : orEmpty(status.getKeyspaces())) {
            RepairProgress.Count count = byKeyspace.getOrDefault(keyspace.getName(), new RepairProgress.Count(0, 0));
            keyspace.setSegments(count.total());
            keyspace.setSegmentsDone(count.done());
            List<RepairTableStatus> own = status.getTables().stream()
                    .filter(t -> t.getName().startsWith(keyspace.getName() + "."))
                    .toList();
            keyspace.setTables(own.size());
            keyspace.setTablesDone((int)
                    own.stream().filter(t -> t.getCompletionTime() != null).count());
            if (count.complete() && keyspace.getCompletionTime() == null) {
                keyspace.setCompletionTime(now.toString());
                events.record(
                        repair,
                        EventRecorder.NORMAL,
                        "KeyspaceRepaired",
                        "keyspace " + keyspace.getName() + ": every segment of its " + own.size()
                                + " table(s) is repaired");
            }
        }
        RepairProgress.Count total = RepairProgress.total(byTable);
        status.setSegments(total.total());
        status.setSegmentsDone(total.done());
        status.setProgress(total.toString());
        Duration elapsed = Duration.between(Instant.parse(status.getStartTime()), now);
        status.setEtaSeconds(
                RepairProgress.eta(total, elapsed).map(Duration::toSeconds).orElse(null));
    }

    private static Set<String> managedDatacenters(CassandraCluster cluster) {
        Set<String> names = new HashSet<>();
        for (DatacenterSpec dc : cluster.getSpec().getDatacenters()) {
            names.add(dc.getName());
        }
        return names;
    }

    private static void pending(CassandraRepairStatus status, String message) {
        status.setPhase(JobConditions.PENDING);
        status.setMessage(message);
    }

    private static void fail(CassandraRepairStatus status, String reason, String message, Instant now) {
        status.setPhase(JobConditions.FAILED);
        status.setMessage(message);
        status.setCompletionTime(now.toString());
        status.setConditions(List.of(JobConditions.condition("Failed", reason, message)));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
