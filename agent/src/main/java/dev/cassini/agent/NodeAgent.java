package dev.cassini.agent;

import dev.cassini.agent.backup.FileDigests;
import dev.cassini.agent.backup.NodeBackupUpload;
import dev.cassini.agent.backup.NodeRestore;
import dev.cassini.agent.backup.SnapshotFiles;
import dev.cassini.agent.backup.TableStreamer;
import dev.cassini.agent.config.CassandraYamlRenderer;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.config.StartPlan;
import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobRegistry;
import dev.cassini.agent.node.CassandraNode;
import dev.cassini.agent.node.CqlPing;
import dev.cassini.agent.node.OperationSafety;
import dev.cassini.agent.node.RebuildProgress;
import dev.cassini.agent.node.RepairOptions;
import dev.cassini.agent.node.RepairSession;
import dev.cassini.agent.node.RingView;
import dev.cassini.agent.node.SeedStore;
import dev.cassini.agent.node.TableMaintenance;
import dev.cassini.agent.runtime.CassandraDistribution;
import dev.cassini.agent.runtime.CassandraSupervisor;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.BackupRequest;
import dev.cassini.contract.ClientConnection;
import dev.cassini.contract.ExitRecord;
import dev.cassini.contract.NodeReport;
import dev.cassini.contract.NodeState;
import dev.cassini.contract.Ports;
import dev.cassini.contract.ProcessState;
import dev.cassini.contract.Readiness;
import dev.cassini.contract.RebuildRequest;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.RestoreStep;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.contract.ScrubRequest;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.helper.MBeanCallClient;
import dev.cassini.helper.MBeanCallException;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.ObjectStoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node agent can do, independent of HTTP: start and stop Cassandra, report the node and
 * its ring, manage seeds, and run node operations as jobs after checking they are safe.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final int CQL_PING_TIMEOUT_MILLIS = 2000;

    private final NodeConfig config;
    private final CassandraSupervisor supervisor;
    private final CassandraNode node;
    private final SeedStore seeds;
    private final JobRegistry jobs = new JobRegistry();
    private final ServingClock servingClock = new ServingClock(java.time.Clock.systemUTC());
    /** Digests of SSTable files already read, so later backups do not read unchanged files again. */
    private final FileDigests digests = new FileDigests();
    /** Keyspaces whose data belongs to this node only: a restore never wants them back. */
    private static final java.util.Set<String> NODE_LOCAL_KEYSPACES =
            java.util.Set.of("system", "system_views", "system_virtual_schema");

    public NodeAgent(NodeConfig config, Map<String, String> env, PrintStream cassandraOutput) {
        this.config = config;
        Path socket = HelperSocketPath.forDataDir(config.dataDir());
        this.supervisor = new CassandraSupervisor(config, env, socket, cassandraOutput);
        this.node = new CassandraNode(new MBeanCallClient(socket));
        this.seeds = new SeedStore(config.directories().agentState(), config.seeds());
        this.tlsRotation = CassandraTlsRotation.start(config, node, supervisor::state);
        this.replacedAddresses = ReplacedAddressForgetting.start(node, supervisor::state);
    }

    /** Peers' former addresses out of the running node's gossip. */
    private final ReplacedAddressForgetting replacedAddresses;

    /** Renewed Cassandra certificates into the running node; a no-op without encryption. */
    private final AutoCloseable tlsRotation;

    public NodeConfig config() {
        return config;
    }

    public JobRegistry jobs() {
        return jobs;
    }

    // ---- lifecycle ----

    public void start(Optional<String> replaceAddress, List<Long> initialTokens, boolean autoBootstrap)
            throws IOException {
        start(replaceAddress, initialTokens, autoBootstrap, 0);
    }

    /**
     * @param systemKeyspaceReplicas for the first start of a node of a brand-new cluster: the
     *        replication factor Cassandra creates its distributed system keyspaces with; 0 for its default
     */
    public void start(
            Optional<String> replaceAddress,
            List<Long> initialTokens,
            boolean autoBootstrap,
            int systemKeyspaceReplicas)
            throws IOException {
        boolean joined = config.directories().hasJoined();
        if (replaceAddress.isPresent()) {
            String replace = replaceAddress.get();
            if (!NodeConfigLoader.isUsableAddress(replace)) {
                throw new BadRequestException("replaceAddress '" + replace
                        + "' is not an IPv4 address; give the address of the dead node to replace");
            }
            if (replace.equals(config.address())) {
                throw new BadRequestException(
                        "replaceAddress " + replace + " is this node's own address; give the dead node's old address");
            }
            if (joined) {
                throw new ConflictException(
                        "this node has already joined the ring (it was NORMAL with its own tokens); "
                                + "a node can only replace another before it first joins, from an empty volume");
            }
        }
        if (!initialTokens.isEmpty() && joined) {
            throw new ConflictException(
                    "this node has already joined the ring and keeps the tokens it has; start it without initialTokens");
        }
        if (systemKeyspaceReplicas > 0 && joined) {
            throw new ConflictException(
                    "this node has already joined the ring, whose system keyspaces exist and keep their replication; "
                            + "start it without systemKeyspaceReplicas and change replication with ALTER KEYSPACE");
        }
        List<Long> tokens = initialTokens.isEmpty() ? config.initialTokens() : initialTokens;
        StartPlan plan = new StartPlan(
                seeds.current(), joined ? List.of() : tokens, replaceAddress, autoBootstrap, systemKeyspaceReplicas);
        try {
            supervisor.start(plan);
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** Drains (when the node is serving) so no write is left only in the commit log, then terminates. */
    public Optional<ExitRecord> stop(boolean drain, Duration timeout) throws InterruptedException {
        ProcessState state = supervisor.state();
        if (state != ProcessState.RUNNING && state != ProcessState.STOPPING) {
            return supervisor.lastExit();
        }
        supervisor.beginStop();
        if (drain) {
            drainQuietly();
        }
        supervisor.terminate(timeout);
        return supervisor.lastExit();
    }

    /**
     * How long clients get to move away between closing CQL and draining: drivers see their
     * connections close and send new requests to other coordinators, and requests already
     * running on this node finish, while the node still serves its peers.
     */
    static final Duration CLIENT_HANDOFF = Duration.ofSeconds(3);

    private void drainQuietly() {
        try {
            NodeState mode = NodeState.ofCassandraMode(node.operationMode());
            if (mode.drainable()) {
                long t0 = System.nanoTime();
                if (mode == NodeState.NORMAL) {
                    node.stopNativeTransport();
                    Thread.sleep(CLIENT_HANDOFF.toMillis());
                }
                node.drain();
                LOG.info("drained in {} ms", (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (IOException | MBeanCallException e) {
            LOG.warn("could not drain before stopping ({}); stopping without drain", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops and starts again with the seeds and options of the last start. */
    public void restart(boolean drain, Duration timeout) throws IOException, InterruptedException {
        StartPlan last = supervisor
                .lastPlan()
                .orElseThrow(() -> new ConflictException("Cassandra was never started; use start"));
        stop(drain, timeout);
        start(Optional.empty(), List.of(), last.autoBootstrap());
    }

    // ---- status ----

    public NodeReport status() {
        ProcessState process = supervisor.state();
        NodeState state = switch (process) {
            case NOT_STARTED -> NodeState.NOT_STARTED;
            case STOPPING -> NodeState.STOPPING;
            case EXITED -> NodeState.STOPPED;
            case RUNNING -> modeOrStarting();
        };
        NodeDetails details =
                process == ProcessState.RUNNING && state != NodeState.STARTING ? details() : NodeDetails.UNKNOWN;
        return new NodeReport(
                state,
                process,
                supervisor.pid().orElse(null),
                supervisor.startedAt().orElse(null),
                supervisor.lastExit().orElse(null),
                config.address(),
                config.datacenter(),
                config.rack(),
                details.hostId(),
                details.tokens(),
                details.load(),
                details.schemaVersion(),
                details.cassandraVersion() == null ? config.cassandraVersion() : details.cassandraVersion(),
                details.nativeTransport(),
                config.directories().hasJoined(),
                DataVolume.measure(config.directories().root(), details.loadBytes()),
                details.clients() == null
                        ? null
                        : details.clients().stream()
                                .map(ClientConnection::address)
                                .distinct()
                                .sorted()
                                .toList(),
                Boolean.TRUE.equals(details.nativeTransport())
                        ? supervisor.startedAt().map(servingClock::serving).orElse(null)
                        : null,
                details.clients(),
                details.pendingCompactions(),
                details.repairBytesSent());
    }

    /** What only a running Cassandra can tell; every field null when it cannot. */
    private record NodeDetails(
            String hostId,
            List<String> tokens,
            String load,
            Long loadBytes,
            String schemaVersion,
            String cassandraVersion,
            Boolean nativeTransport,
            List<ClientConnection> clients,
            Integer pendingCompactions,
            Long repairBytesSent) {
        static final NodeDetails UNKNOWN = new NodeDetails(null, null, null, null, null, null, null, null, null, null);
    }

    private NodeDetails details() {
        try {
            return new NodeDetails(
                    node.hostId(),
                    node.tokens(),
                    node.load(),
                    node.loadBytes(),
                    node.schemaVersion(),
                    node.releaseVersion(),
                    node.nativeTransportRunning(),
                    node.clients(),
                    metric(node::pendingCompactions),
                    metric(node::repairBytesSent));
        } catch (IOException | MBeanCallException e) {
            LOG.debug("node details unavailable: {}", e.getMessage());
            return NodeDetails.UNKNOWN;
        }
    }

    /** One read of a Cassandra metric. */
    @FunctionalInterface
    private interface MetricRead<T> {
        T read() throws IOException;
    }

    /**
     * A metric read on its own, null when Cassandra cannot tell it: a metric it has not registered
     * leaves only itself unknown, not the node's identity and tokens with it.
     */
    private static <T> T metric(MetricRead<T> metric) {
        try {
            return metric.read();
        } catch (IOException | MBeanCallException e) {
            LOG.debug("metric unavailable: {}", e.getMessage());
            return null;
        }
    }

    private NodeState modeOrStarting() {
        try {
            NodeState mode = NodeState.ofCassandraMode(node.operationMode());
            if (mode == NodeState.NORMAL) {
                markJoined();
            }
            return mode;
        } catch (IOException | MBeanCallException e) {
            return NodeState.STARTING; // the JVM is up but StorageService is not registered yet
        }
    }

    private void markJoined() {
        Path marker = config.directories().joinedMarker();
        if (!Files.exists(marker)) {
            try {
                Files.writeString(marker, java.time.Instant.now() + "\n");
                LOG.info("node has joined the ring (first NORMAL); recorded in {}", marker);
            } catch (IOException e) {
                LOG.warn("could not record that the node joined: {}", e.getMessage());
            }
        }
    }

    /** Ready means serving clients: Cassandra running, NORMAL, and answering CQL. */
    public Readiness readiness() {
        ProcessState process = supervisor.state();
        switch (process) {
            case NOT_STARTED:
                return new Readiness(false, "Cassandra is not started");
            case STOPPING:
                return new Readiness(false, "Cassandra is stopping");
            case EXITED:
                return new Readiness(
                        false,
                        "Cassandra is stopped: "
                                + supervisor.lastExit().map(ExitRecord::reason).orElse("unknown reason"));
            default:
                break;
        }
        NodeState mode = modeOrStarting();
        if (mode != NodeState.NORMAL) {
            return new Readiness(false, "Cassandra is " + mode + ", not NORMAL");
        }
        if (!CqlPing.answers(config.address(), config.nativePort(), CQL_PING_TIMEOUT_MILLIS, cqlTls())) {
            return new Readiness(
                    false,
                    "native transport on " + config.address() + ":" + config.nativePort() + " does not answer CQL yet");
        }
        supervisor.startedAt().ifPresent(servingClock::serving);
        return new Readiness(true, "NORMAL and accepting CQL");
    }

    private volatile javax.net.ssl.SSLContext cqlTls;

    /**
     * With client encryption on, the readiness ping speaks TLS and checks the node's certificate
     * against the CA, as a client would: a node is ready only when clients can reach it. The
     * context rereads the files when they change.
     */
    private javax.net.ssl.SSLContext cqlTls() {
        if (config.cassandraTls().client() == dev.cassini.contract.ClientEncryption.OFF) {
            return null;
        }
        if (cqlTls == null) {
            try {
                cqlTls = dev.cassini.pki.ReloadingTls.of(
                                config.cassandraTls().files().orElseThrow())
                        .context();
            } catch (IOException e) {
                LOG.warn("cannot read Cassandra's TLS files for the readiness ping: {}", e.getMessage());
                return null;
            }
        }
        return cqlTls;
    }

    public List<RingEndpoint> ring() throws IOException {
        requireRunning("read the ring");
        var snapshot = node.ringSnapshot();
        Map<String, String[]> placement = new LinkedHashMap<>();
        return RingView.of(
                snapshot,
                endpoint -> placement.computeIfAbsent(endpoint, e -> {
                    try {
                        return new String[] {node.datacenterOf(e), node.rackOf(e)};
                    } catch (IOException | MBeanCallException ex) {
                        return new String[] {"?", "?"};
                    }
                }));
    }

    // ---- seeds ----

    public List<String> seeds() throws IOException {
        return seeds.current();
    }

    /** The seeds the running Cassandra uses now (as "address:port"); empty when it is not running. */
    public Optional<List<String>> activeSeeds() {
        if (supervisor.state() != ProcessState.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(node.seeds());
        } catch (IOException | MBeanCallException e) {
            return Optional.empty();
        }
    }

    /** Persists the list and, when Cassandra runs, rewrites cassandra.yaml and has Cassandra reload it. */
    public List<String> setSeeds(List<String> newSeeds) throws IOException {
        if (newSeeds == null || newSeeds.isEmpty()) {
            throw new BadRequestException("seeds must list at least one address, e.g. {\"seeds\": [\"127.0.0.11\"]}");
        }
        for (String seed : newSeeds) {
            if (seed == null || !NodeConfigLoader.isUsableAddress(seed)) {
                throw new BadRequestException("seed '" + seed + "' is not an IPv4 address");
            }
        }
        List<String> distinct = newSeeds.stream().distinct().toList();
        seeds.save(distinct);
        Optional<StartPlan> last = supervisor.lastPlan();
        if (supervisor.state() == ProcessState.RUNNING && last.isPresent()) {
            StartPlan plan = last.get().withSeeds(distinct);
            Files.writeString(config.directories().cassandraYaml(), CassandraYamlRenderer.render(config, plan));
            try {
                List<String> loaded = node.reloadSeeds();
                LOG.info("seeds reloaded: {}", loaded);
            } catch (IOException | MBeanCallException e) {
                LOG.info("seeds saved; Cassandra will read them when it has started ({})", e.getMessage());
            }
        }
        return distinct;
    }

    // ---- operations as jobs ----

    public Job drain() {
        requireServing("drain");
        return jobs.submit(AgentRoutes.DRAIN, Map.of(), true, job -> {
            job.reportProgressWith(() -> modeOrStarting().name());
            node.drain();
            return "drained; the node accepts no more writes until restarted";
        });
    }

    /**
     * Decommissions the node. Forced, Cassandra goes on although a keyspace keeps fewer nodes in
     * this datacenter than its replication factor there: for a datacenter leaving as a whole, which
     * {@code system_auth} must keep naming while it has live nodes.
     */
    public Job decommission(boolean force) throws IOException {
        requireServing("decommission");
        OperationSafety.refuseDecommission(config.address(), ring()).ifPresent(reason -> {
            throw new ConflictException("decommission refused: " + reason);
        });
        return jobs.submit(AgentRoutes.DECOMMISSION, force ? Map.of("force", "true") : Map.of(), true, job -> {
            job.reportProgressWith(() -> modeOrStarting().name());
            node.decommission(force);
            return "decommissioned; the node has left the ring and can be stopped";
        });
    }

    public Job rebuild(String sourceDatacenter, String keyspace) throws IOException {
        if (sourceDatacenter == null || sourceDatacenter.isBlank()) {
            throw new BadRequestException("sourceDatacenter is required: the datacenter to stream data from");
        }
        requireServing("rebuild");
        OperationSafety.refuseRebuild(sourceDatacenter, config.address(), ring())
                .ifPresent(reason -> {
                    throw new ConflictException("rebuild refused: " + reason);
                });
        if (keyspace != null && !node.keyspaces().contains(keyspace)) {
            throw new BadRequestException("keyspace '" + keyspace + "' does not exist");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sourceDatacenter", sourceDatacenter);
        if (keyspace != null) {
            params.put("keyspace", keyspace);
        }
        return jobs.submit(AgentRoutes.REBUILD, params, true, job -> {
            RebuildProgress progress = new RebuildProgress(node);
            job.reportFiguresWith(progress::figures);
            node.rebuild(sourceDatacenter, keyspace);
            Map<String, Long> received = progress.finished();
            received.forEach(job::record);
            return "rebuilt from " + sourceDatacenter + " (" + received.get(RebuildRequest.RECEIVED_BYTES)
                    + " bytes received)";
        });
    }

    public Job cleanup(String keyspace) throws IOException {
        requireServing("cleanup");
        List<String> keyspaces = keyspacesOrOne(keyspace, node.nonSystemKeyspaces());
        return jobs.submit(
                AgentRoutes.CLEANUP, keyspace == null ? Map.of() : Map.of("keyspace", keyspace), true, job -> {
                    List<String> done = new ArrayList<>();
                    job.reportProgressWith(() -> done.size() + "/" + keyspaces.size() + " keyspaces");
                    for (String ks : keyspaces) {
                        int status = node.cleanup(ks);
                        if (status != 0) {
                            throw new IllegalStateException(
                                    "cleanup of keyspace " + ks + " did not complete (status " + status + ")");
                        }
                        done.add(ks);
                    }
                    return "cleaned up " + done;
                });
    }

    // ---- maintenance: SSTables rewritten, snapshots cleared ----

    /**
     * How many SSTables upgradesstables, scrub and garbagecollect rewrite at once in a table:
     * nodetool's default, which leaves the node's other compaction threads to its own compactions.
     */
    static final int REWRITE_JOBS = 2;

    /**
     * A major compaction ({@code nodetool compact}): each table's SSTables into one. Like every
     * rewrite of SSTables, exclusive: it competes for disk and compaction threads with the other
     * data operations.
     */
    public Job compact(String keyspace, List<String> tables) throws IOException {
        TableMaintenance.Targets targets = maintenanceTargets(AgentRoutes.COMPACT, keyspace, tables);
        return rewrite(AgentRoutes.COMPACT, targets, Map.of(), "compacted", "", (ks, chosen) -> {
            node.compact(ks, chosen);
            return 0;
        });
    }

    /**
     * Rewrites SSTables in the current format ({@code nodetool upgradesstables}): every one when
     * {@code all}, else only those of an older format.
     */
    public Job upgradeSSTables(String keyspace, List<String> tables, boolean all) throws IOException {
        TableMaintenance.Targets targets = maintenanceTargets(AgentRoutes.UPGRADESSTABLES, keyspace, tables);
        return rewrite(
                AgentRoutes.UPGRADESSTABLES,
                targets,
                Map.of("all", String.valueOf(all)),
                "rewrote " + (all ? "every SSTable" : "the SSTables of an older format") + " of",
                "",
                (ks, chosen) -> node.upgradeSSTables(ks, !all, REWRITE_JOBS, chosen));
    }

    /**
     * Rewrites SSTables checking every partition ({@code nodetool scrub}). Refused unless every
     * node of the ring is up ({@link OperationSafety#refuseScrub}). Options absent take {@code
     * nodetool scrub}'s defaults: a snapshot first, corrupt rows fail the scrub, data checked, no
     * overflowed TTLs reinserted.
     */
    public Job scrub(ScrubRequest request) throws IOException {
        String keyspace = request.keyspace();
        List<String> tables = request.tables() == null ? List.of() : request.tables();
        checkMaintenanceRequest(keyspace, tables);
        requireServing(AgentRoutes.SCRUB);
        OperationSafety.refuseScrub(config.address(), ring()).ifPresent(reason -> {
            throw new ConflictException("scrub refused: " + reason);
        });
        TableMaintenance.Targets targets = resolveMaintenance(keyspace, tables);
        boolean disableSnapshot = Boolean.TRUE.equals(request.disableSnapshot());
        boolean skipCorrupted = Boolean.TRUE.equals(request.skipCorrupted());
        boolean checkData = !Boolean.FALSE.equals(request.checkData());
        boolean reinsertOverflowedTTL = Boolean.TRUE.equals(request.reinsertOverflowedTTL());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("disableSnapshot", String.valueOf(disableSnapshot));
        options.put("skipCorrupted", String.valueOf(skipCorrupted));
        options.put("checkData", String.valueOf(checkData));
        options.put("reinsertOverflowedTTL", String.valueOf(reinsertOverflowedTTL));
        String after = (disableSnapshot ? "" : "; Cassandra's pre-scrub snapshot is kept until cleared")
                + (skipCorrupted
                        ? "; rows it could not read were dropped (system.log counts them): repair this node's ranges"
                        : "");
        return rewrite(
                AgentRoutes.SCRUB,
                targets,
                options,
                "scrubbed",
                after,
                (ks, chosen) -> node.scrub(
                        disableSnapshot, skipCorrupted, checkData, reinsertOverflowedTTL, REWRITE_JOBS, ks, chosen));
    }

    /**
     * Rewrites each SSTable on its own without the rows that newer data shadows ({@code nodetool
     * garbagecollect} with {@code -g ROW}): deleted and overwritten rows leave the disk before a
     * compaction would bring their SSTables together.
     */
    public Job garbageCollect(String keyspace, List<String> tables) throws IOException {
        TableMaintenance.Targets targets = maintenanceTargets(AgentRoutes.GARBAGECOLLECT, keyspace, tables);
        return rewrite(
                AgentRoutes.GARBAGECOLLECT,
                targets,
                Map.of("tombstoneOption", GARBAGE_COLLECT_TOMBSTONES),
                "collected the garbage of",
                "",
                (ks, chosen) -> node.garbageCollect(GARBAGE_COLLECT_TOMBSTONES, REWRITE_JOBS, ks, chosen));
    }

    /** What garbagecollect drops: rows and partitions that newer data shadows (not single cells). */
    static final String GARBAGE_COLLECT_TOMBSTONES = "ROW";

    /**
     * Deletes snapshots ({@code nodetool clearsnapshot}): the one named {@code tag}, or every one,
     * of the keyspaces given or all. Not exclusive: it only unlinks files. Refused while a backup
     * uploads from a snapshot it would delete.
     */
    public Job clearSnapshot(String tag, List<String> keyspaces) throws IOException {
        if (tag != null && tag.isBlank()) {
            throw new BadRequestException(
                    "tag '" + tag + "' is not a snapshot name; leave it out to clear every snapshot");
        }
        for (String ks : keyspaces) {
            if (ks == null || ks.isBlank()) {
                throw new BadRequestException("keyspaces holds '" + ks
                        + "', which is not a keyspace name; leave keyspaces out for every keyspace");
            }
        }
        requireServing(AgentRoutes.CLEARSNAPSHOT);
        List<String> known = node.keyspaces();
        for (String ks : keyspaces) {
            if (!known.contains(ks)) {
                throw new BadRequestException("keyspace '" + ks + "' does not exist; known: "
                        + known.stream().sorted().toList());
            }
        }
        refuseClearSnapshot(tag, jobs.all()).ifPresent(reason -> {
            throw new ConflictException("clearsnapshot refused: " + reason);
        });
        Map<String, String> params = new LinkedHashMap<>();
        if (tag != null) {
            params.put("tag", tag);
        }
        if (!keyspaces.isEmpty()) {
            params.put("keyspaces", String.join(",", keyspaces));
        }
        List<String> chosen = List.copyOf(keyspaces);
        return jobs.submit(AgentRoutes.CLEARSNAPSHOT, params, false, job -> {
            node.clearSnapshot(tag == null ? "" : tag, chosen);
            return "cleared " + (tag == null ? "every snapshot" : "snapshot " + tag) + " of "
                    + (chosen.isEmpty() ? "every keyspace" : "keyspaces " + chosen);
        });
    }

    /**
     * Why clearing snapshot {@code tag} (every snapshot when null) would break a job: a running
     * backup uploads from its snapshot, which must stay until the backup clears it itself.
     */
    static Optional<String> refuseClearSnapshot(String tag, List<Job> jobs) {
        for (Job running : jobs) {
            if (running.state() == dev.cassini.contract.JobState.RUNNING
                    && running.operation().equals(AgentRoutes.BACKUP)) {
                String uploading = backupSnapshotTag(running.parameters().get("backupId"));
                if (tag == null || tag.equals(uploading)) {
                    return Optional.of("backup job " + running.id() + " is uploading from snapshot " + uploading
                            + "; "
                            + (tag == null
                                    ? "name the snapshot to clear, or wait until the backup has finished"
                                    : "the backup clears it itself when it has finished"));
                }
            }
        }
        return Optional.empty();
    }

    /** The snapshot a backup takes and uploads from. */
    static String backupSnapshotTag(String backupId) {
        return "cassini-" + backupId;
    }

    /** Checks the request's form, then that the node serves, then the keyspace and tables against its schema. */
    private TableMaintenance.Targets maintenanceTargets(String operation, String keyspace, List<String> tables)
            throws IOException {
        checkMaintenanceRequest(keyspace, tables);
        requireServing(operation);
        return resolveMaintenance(keyspace, tables);
    }

    private static void checkMaintenanceRequest(String keyspace, List<String> tables) {
        try {
            TableMaintenance.checkRequest(keyspace, tables);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private TableMaintenance.Targets resolveMaintenance(String keyspace, List<String> tables) throws IOException {
        try {
            return TableMaintenance.resolve(node, keyspace, tables);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private Job rewrite(
            String operation,
            TableMaintenance.Targets targets,
            Map<String, String> options,
            String verb,
            String afterwards,
            TableMaintenance.Pass pass) {
        return TableMaintenance.submit(jobs, operation, targets, options, verb, afterwards, pass);
    }

    /**
     * Backs this node up: a snapshot of the keyspaces (flushed first), uploaded as {@link
     * NodeBackupUpload} does, then cleared. The snapshot is cleared also when the upload fails; a
     * retry with the same backup id finds the blobs already complete and uploads only the rest.
     */
    public Job backup(
            String backupId,
            NodeBackupUpload.Node identity,
            ObjectStoreSettings storage,
            String prefix,
            List<String> keyspaces,
            List<String> tables)
            throws IOException {
        requireServing("back up");
        List<String> all = node.keyspaces();
        List<String> chosen = new ArrayList<>();
        if (keyspaces.isEmpty() && tables.isEmpty()) {
            all.stream().filter(ks -> !NODE_LOCAL_KEYSPACES.contains(ks)).forEach(chosen::add);
        }
        for (String ks : keyspaces) {
            if (!all.contains(ks)) {
                throw new BadRequestException("keyspace '" + ks + "' does not exist; known: " + all);
            }
            chosen.add(ks);
        }
        for (String table : tables) {
            int dot = table.indexOf('.');
            if (dot <= 0 || !all.contains(table.substring(0, dot))) {
                throw new BadRequestException("table '" + table
                        + "' is not keyspace.table of a keyspace that exists; known keyspaces: " + all);
            }
            if (!chosen.contains(table.substring(0, dot))) {
                chosen.add(table); // Cassandra snapshots "keyspace.table" entities as well as keyspaces
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("backupId", backupId);
        params.put("store", storage.describe());
        return jobs.submit(AgentRoutes.BACKUP, params, true, job -> {
            String tag = backupSnapshotTag(backupId);
            Instant started = Instant.now();
            job.reportProgressWith(() -> "snapshot " + tag);
            // A run of this backup cut short (the agent or the node restarted) left its snapshot behind,
            // and Cassandra refuses a tag that exists; what it uploaded is in the store and is reused.
            node.clearSnapshot(tag);
            node.takeSnapshot(tag, chosen);
            try (ObjectStore store = new ObjectStore(storage)) {
                store.checkAccess();
                NodeBackupUpload.Result result = new NodeBackupUpload(
                                store, new BackupLayout(prefix), digests, storage.concurrency(), Clock.systemUTC())
                        .upload(
                                backupId,
                                identity,
                                SnapshotFiles.list(config.directories().data(), tag),
                                started);
                job.record(BackupRequest.FILES, result.manifest().files().size());
                job.record(BackupRequest.TOTAL_BYTES, result.manifest().totalBytes());
                job.record(BackupRequest.UPLOADED_BYTES, result.uploadedBytes());
                job.record(BackupRequest.REUSED_BYTES, result.reusedBytes());
                return "manifest " + result.manifestKey() + "; "
                        + result.manifest().files().size() + " files, "
                        + result.uploadedFiles() + " uploaded (" + result.uploadedBytes() + " bytes written), "
                        + result.reusedBytes() + " bytes already in the store";
            } finally {
                node.clearSnapshot(tag);
            }
        });
    }

    /**
     * Runs one step of a restore on this node, as {@link NodeRestore} does. Exclusive: no other
     * operation changes the node's data while its tables are truncated, imported or streamed.
     */
    public Job restore(RestoreStep step, NodeRestore.Order order) throws IOException {
        requireServing("restore");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("restoreId", order.restoreId());
        params.put("step", step.name());
        params.put("manifest", order.manifestKey());
        params.put("store", order.storage().describe());
        // Only streaming runs Cassandra's loader; the other steps need no distribution on disk.
        NodeRestore restore = new NodeRestore(
                node, config.directories().restoreStaging(), step == RestoreStep.STREAM ? streamer() : null);
        return jobs.submit(AgentRoutes.RESTORE, params, true, job -> restore.run(job, step, order));
    }

    /** The loader for a restore's stream step, on the Cassandra this node runs; null when there is none. */
    private TableStreamer streamer() {
        try {
            return new TableStreamer(
                    CassandraDistribution.resolve(config.cassandraVersion(), System.getenv())
                            .libDir(),
                    Ports.STORAGE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no Cassandra distribution for the loader: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Runs one repair session with this node as its coordinator, as {@link RepairSession} waits for
     * it. Exclusive: a repair streams and builds Merkle trees, which another data operation on this
     * node would compete with. Its parameters name the repair and segment, so a client that lost
     * track of it (an operator restarted) recognises its job instead of starting the work twice.
     */
    public Job repair(RepairRequest request) throws IOException {
        String repairId = required(
                request.repairId(),
                "repairId is required: what the session belongs to (a CassandraRepair's name), so a retry finds"
                        + " its running job");
        String segment = required(request.segment(), "segment is required: the name of the segment within the repair");
        String keyspace = required(request.keyspace(), "keyspace is required: the keyspace to repair");
        if (request.timeoutSeconds() != null && request.timeoutSeconds() < 1) {
            throw new BadRequestException("timeoutSeconds must be at least 1 when given: the most seconds the session"
                    + " may take; leave it out for " + DEFAULT_REPAIR_TIMEOUT.toHours() + " hours");
        }
        Map<String, String> options;
        try {
            options = RepairOptions.of(request);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        requireServing("repair");
        List<String> keyspaces = node.keyspaces();
        if (!keyspaces.contains(keyspace)) {
            throw new BadRequestException("keyspace '" + keyspace + "' does not exist; known: " + keyspaces);
        }
        List<String> tables = request.tables() == null ? List.of() : request.tables();
        for (String table : tables) {
            if (!node.tableExists(keyspace, table)) {
                throw new BadRequestException("table '" + table + "' does not exist in keyspace " + keyspace);
            }
        }
        int ranges = request.ranges() == null ? 0 : request.ranges().size();
        Duration timeout = request.timeoutSeconds() == null
                ? DEFAULT_REPAIR_TIMEOUT
                : Duration.ofSeconds(request.timeoutSeconds());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("repairId", repairId);
        params.put("segment", segment);
        params.put("keyspace", keyspace);
        return jobs.submit(AgentRoutes.REPAIR, params, true, job -> {
            job.reportProgressWith(() -> "submitting the repair to Cassandra");
            int command = node.repairAsync(keyspace, options);
            if (command == 0) {
                return "nothing to repair in keyspace " + keyspace
                        + ": Cassandra found no range with another replica (one replica, or no ranges)";
            }
            RepairSession session = new RepairSession(node, command, timeout);
            job.reportProgressWith(session::progress);
            session.await();
            return "repaired keyspace " + keyspace + ", "
                    + (ranges == 0 ? "every range of this node" : ranges + (ranges == 1 ? " range" : " ranges"))
                    + " (repair command " + command + ")";
        });
    }

    /**
     * The most a repair session may take when its request does not say: long enough for a full
     * repair of a node's every range, short enough that a hung session does not hold the node's
     * exclusive operations for days.
     */
    static final Duration DEFAULT_REPAIR_TIMEOUT = Duration.ofHours(6);

    private static String required(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(message);
        }
        return value;
    }

    public Job flush(String keyspace) throws IOException {
        requireServing("flush");
        List<String> keyspaces = keyspacesOrOne(keyspace, node.keyspaces());
        return jobs.submit(
                AgentRoutes.FLUSH, keyspace == null ? Map.of() : Map.of("keyspace", keyspace), false, job -> {
                    for (String ks : keyspaces) {
                        node.flush(ks);
                    }
                    return "flushed " + keyspaces;
                });
    }

    public Job removeNode(String hostId) throws IOException {
        if (hostId == null || hostId.isBlank()) {
            throw new BadRequestException("hostId is required: the host ID of the dead node to remove");
        }
        requireServing("removenode");
        OperationSafety.refuseRemoveNode(hostId, config.address(), ring()).ifPresent(reason -> {
            throw new ConflictException("removenode refused: " + reason);
        });
        return jobs.submit(AgentRoutes.REMOVENODE, Map.of("hostId", hostId), true, job -> {
            job.reportProgressWith(() -> {
                try {
                    return node.removalStatus();
                } catch (IOException e) {
                    return "unknown";
                }
            });
            node.removeNode(hostId);
            return "removed " + hostId;
        });
    }

    private List<String> keyspacesOrOne(String keyspace, List<String> all) {
        if (keyspace == null) {
            return all;
        }
        if (!all.contains(keyspace)) {
            throw new BadRequestException(
                    "keyspace '" + keyspace + "' does not exist or does not apply; known: " + all);
        }
        return List.of(keyspace);
    }

    private void requireRunning(String what) {
        if (supervisor.state() != ProcessState.RUNNING) {
            throw new ConflictException(
                    "cannot " + what + ": Cassandra is not running (state " + status().state() + ")");
        }
    }

    /**
     * Who this node is in the ring, for its backup manifest, read from Cassandra itself: a backup
     * without the host ID and tokens could not be restored, so an answer Cassandra cannot give now
     * is an IOException (503: try again), never a manifest with gaps.
     */
    public NodeBackupUpload.Node backupIdentity(String clusterName, String pod) throws IOException {
        requireServing("back up");
        try {
            String hostId = node.hostId();
            List<String> tokens = node.tokens();
            if (hostId == null || tokens == null || tokens.isEmpty()) {
                throw new IOException("Cassandra does not tell this node's host ID and tokens yet");
            }
            return new NodeBackupUpload.Node(
                    clusterName, config.datacenter(), config.rack(), hostId, pod, node.releaseVersion(), tokens);
        } catch (MBeanCallException e) {
            throw new IOException("could not read this node's host ID and tokens: " + e.getMessage(), e);
        }
    }

    private void requireServing(String what) {
        requireRunning(what);
        NodeState mode = modeOrStarting();
        if (mode != NodeState.NORMAL) {
            throw new ConflictException("cannot " + what + ": the node is " + mode + ", not NORMAL");
        }
    }

    // ---- logs ----

    /** The last lines of system.log (Cassandra's log) or output.log (its raw stdout and stderr). */
    public List<String> logTail(String which, int lines) throws IOException {
        Path file = switch (which) {
            case "system" -> config.directories().systemLog();
            case "output" -> config.directories().outputLog();
            default -> throw new BadRequestException("log '" + which + "' is unknown; use system or output");
        };
        if (lines < 1 || lines > 10_000) {
            throw new BadRequestException("lines must be from 1 to 10000");
        }
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var all = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> content = all.toList();
            return content.subList(Math.max(0, content.size() - lines), content.size());
        }
    }

    @Override
    public void close() {
        jobs.close();
        replacedAddresses.close();
        try {
            tlsRotation.close();
        } catch (Exception e) {
            LOG.warn("stopping the TLS rotation check: {}", e.getMessage());
        }
    }
}
