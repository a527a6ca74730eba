package dev.cassini.agent.node;

import dev.cassini.contract.ClientConnection;
import dev.cassini.helper.MBeanCallClient;
import dev.cassini.helper.MBeanRequest;
import dev.cassini.helper.ReplacedAddresses;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Typed calls on the running node's MBeans, made in-process by the helper. Every method throws
 * IOException when the helper cannot be reached (Cassandra not running or not yet started far
 * enough), and MBeanCallException when Cassandra refused or failed the call.
 */
public final class CassandraNode implements RepairSession.StatusSource, TableMaintenance.Schema {
    static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    static final String FAILURE_DETECTOR = "org.apache.cassandra.net:type=FailureDetector";
    static final String GOSSIPER = "org.apache.cassandra.net:type=Gossiper";
    static final String MESSAGING_SERVICE = "org.apache.cassandra.net:type=MessagingService";
    static final String SNITCH_INFO = "org.apache.cassandra.db:type=EndpointSnitchInfo";

    private static final String STRING = String.class.getName();
    private static final String STRINGS = String[].class.getName();
    private static final String BOOLEAN = boolean.class.getName();
    private static final String INT = int.class.getName();

    private final MBeanCallClient client;

    public CassandraNode(MBeanCallClient client) {
        this.client = client;
    }

    private Object storage(String attribute) throws IOException {
        return client.call(MBeanRequest.attribute(STORAGE_SERVICE, attribute));
    }

    private Object invokeStorage(String operation, Object[] args, String[] signature) throws IOException {
        return client.call(MBeanRequest.invoke(STORAGE_SERVICE, operation, args, signature));
    }

    public String hostId() throws IOException {
        return (String) storage("LocalHostId");
    }

    /** STARTING, JOINING, NORMAL, LEAVING, DECOMMISSIONED, MOVING, DRAINING, DRAINED, ... */
    public String operationMode() throws IOException {
        return (String) storage("OperationMode");
    }

    @SuppressWarnings("unchecked")
    public List<String> tokens() throws IOException {
        return (List<String>) storage("Tokens");
    }

    public String load() throws IOException {
        return (String) storage("LoadString");
    }

    /** Bytes of live SSTables on this node (what nodetool status calls Load). */
    public long loadBytes() throws IOException {
        return ((Number) client.call(
                        MBeanRequest.attribute("org.apache.cassandra.metrics:type=Storage,name=Load", "Count")))
                .longValue();
    }

    public String schemaVersion() throws IOException {
        return (String) storage("SchemaVersion");
    }

    public String releaseVersion() throws IOException {
        return (String) storage("ReleaseVersion");
    }

    /**
     * The connections to the native transport, from Cassandra's own list of client connections
     * (entries like {@code address=/10.0.0.7:50412, user=app, clientOptions=APPLICATION_NAME=shop,
     * DRIVER_NAME=...}): each address, role and application once, sorted.
     */
    @SuppressWarnings("unchecked")
    public List<ClientConnection> clients() throws IOException {
        List<Map<String, String>> connections = (List<Map<String, String>>) client.call(
                MBeanRequest.attribute("org.apache.cassandra.metrics:type=Client,name=connections", "Value"));
        return connections.stream()
                .map(ClientConnections::connection)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted(java.util.Comparator.comparing(ClientConnection::address)
                        .thenComparing(c -> String.valueOf(c.username()))
                        .thenComparing(c -> String.valueOf(c.applicationName())))
                .toList();
    }

    public boolean nativeTransportRunning() throws IOException {
        return (Boolean) storage("NativeTransportRunning");
    }

    @SuppressWarnings("unchecked")
    public List<String> keyspaces() throws IOException {
        return (List<String>) storage("Keyspaces");
    }

    @SuppressWarnings("unchecked")
    public List<String> nonSystemKeyspaces() throws IOException {
        return (List<String>) storage("NonSystemKeyspaces");
    }

    /** The node's view of every endpoint it knows, keyed by "address:port". */
    @SuppressWarnings("unchecked")
    public RingSnapshot ringSnapshot() throws IOException {
        Map<String, String> hostIds = (Map<String, String>) storage("HostIdToEndpointWithPort");
        Map<String, String> tokenOwners = (Map<String, String>) storage("TokenToEndpointWithPortMap");
        Map<String, String> loads = (Map<String, String>) storage("LoadMapWithPort");
        List<String> joining = (List<String>) storage("JoiningNodesWithPort");
        List<String> leaving = (List<String>) storage("LeavingNodesWithPort");
        List<String> moving = (List<String>) storage("MovingNodesWithPort");
        Map<String, String> liveness =
                (Map<String, String>) client.call(MBeanRequest.attribute(FAILURE_DETECTOR, "SimpleStatesWithPort"));
        return new RingSnapshot(hostIds, tokenOwners, loads, joining, leaving, moving, liveness);
    }

    public String datacenterOf(String endpoint) throws IOException {
        return (String) client.call(
                MBeanRequest.invoke(SNITCH_INFO, "getDatacenter", new Object[] {endpoint}, new String[] {STRING}));
    }

    public String rackOf(String endpoint) throws IOException {
        return (String) client.call(
                MBeanRequest.invoke(SNITCH_INFO, "getRack", new Object[] {endpoint}, new String[] {STRING}));
    }

    /**
     * Has Cassandra read its TLS key, certificate and CA files again now (as {@code nodetool
     * reloadssl}), rather than at its own next check, up to ten minutes away.
     */
    public void reloadSslCertificates() throws IOException {
        client.call(MBeanRequest.invoke(MESSAGING_SERVICE, "reloadSslCertificates", new Object[0], new String[0]));
    }

    /**
     * Has gossip forget the addresses peers had before they restarted at another one (the helper's
     * own MBean, {@code ReplacedAddresses}); returns the addresses forgotten, usually none.
     */
    @SuppressWarnings("unchecked")
    public List<String> forgetReplacedAddresses() throws IOException {
        return (List<String>)
                client.call(MBeanRequest.invoke(ReplacedAddresses.OBJECT_NAME, "forget", new Object[0], new String[0]));
    }

    @SuppressWarnings("unchecked")
    public List<String> reloadSeeds() throws IOException {
        return (List<String>) client.call(MBeanRequest.invoke(GOSSIPER, "reloadSeeds", new Object[0], new String[0]));
    }

    @SuppressWarnings("unchecked")
    public List<String> seeds() throws IOException {
        return (List<String>) client.call(MBeanRequest.attribute(GOSSIPER, "Seeds"));
    }

    public void drain() throws IOException {
        invokeStorage("drain", new Object[0], new String[0]);
    }

    /** Stops serving CQL clients (nodetool disablebinary); the node keeps serving its peers. */
    public void stopNativeTransport() throws IOException {
        invokeStorage("stopNativeTransport", new Object[0], new String[0]);
    }

    public void decommission(boolean force) throws IOException {
        invokeStorage("decommission", new Object[] {force}, new String[] {"boolean"});
    }

    /** Bytes this node has received by streaming since it started (rebuild, bootstrap, repair). */
    public long incomingStreamBytes() throws IOException {
        return ((Number) client.call(MBeanRequest.attribute(
                        "org.apache.cassandra.metrics:type=Streaming,name=TotalIncomingBytes", "Count")))
                .longValue();
    }

    /**
     * What the node's running streams of this kind (a stream plan's description, e.g. "Rebuild")
     * announced they will receive, summed; empty when none runs.
     */
    public java.util.OptionalLong bytesToReceive(String description) throws IOException {
        Object streams =
                client.call(MBeanRequest.attribute("org.apache.cassandra.net:type=StreamManager", "CurrentStreams"));
        return StreamTotals.toReceive((java.util.Collection<?>) streams, description);
    }

    public void rebuild(String sourceDatacenter, String keyspace) throws IOException {
        invokeStorage("rebuild", new Object[] {sourceDatacenter, keyspace, null, null}, new String[] {
            STRING, STRING, STRING, STRING
        });
    }

    /** @return Cassandra's status code: 0 done, 1 aborted, 2 unable to cancel */
    public int cleanup(String keyspace) throws IOException {
        return (Integer) invokeStorage(
                "forceKeyspaceCleanup", new Object[] {0, keyspace, new String[0]}, new String[] {"int", STRING, STRINGS
                });
    }

    /**
     * The keyspace's tables by name, sorted, without its secondary indexes' tables: read from
     * Cassandra's auto-compaction status, the StorageService call that names every table of a
     * keyspace (index tables show as {@code table.index}).
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<String> tables(String keyspace) throws IOException {
        Map<String, Boolean> status = (Map<String, Boolean>) invokeStorage(
                "getAutoCompactionStatus", new Object[] {keyspace, new String[0]}, new String[] {STRING, STRINGS});
        return status.keySet().stream().filter(t -> !t.contains(".")).sorted().toList();
    }

    /**
     * A major compaction of the tables (all of the keyspace's when none is named), each into one
     * SSTable ({@code nodetool compact}); returns when it has finished.
     */
    public void compact(String keyspace, List<String> tables) throws IOException {
        invokeStorage(
                "forceKeyspaceCompaction",
                new Object[] {false, keyspace, tables.toArray(new String[0])},
                new String[] {BOOLEAN, STRING, STRINGS});
    }

    /**
     * Rewrites the tables' SSTables in the current format ({@code nodetool upgradesstables}, with
     * {@code -a} unless {@code excludeCurrentVersion}).
     *
     * @param jobs how many SSTables are rewritten at once; 0 for as many as there are compaction threads
     * @return Cassandra's status code: 0 done, 1 aborted, 2 unable to cancel
     */
    public int upgradeSSTables(String keyspace, boolean excludeCurrentVersion, int jobs, List<String> tables)
            throws IOException {
        return (Integer) invokeStorage(
                "upgradeSSTables",
                new Object[] {keyspace, excludeCurrentVersion, jobs, tables.toArray(new String[0])},
                new String[] {STRING, BOOLEAN, INT, STRINGS});
    }

    /**
     * Rewrites the tables' SSTables, checking every partition ({@code nodetool scrub}); unless
     * {@code disableSnapshot}, Cassandra first snapshots them under a {@code pre-scrub-<millis>} tag.
     *
     * @return Cassandra's status code: 0 done, 1 aborted, 2 unable to cancel
     */
    public int scrub(
            boolean disableSnapshot,
            boolean skipCorrupted,
            boolean checkData,
            boolean reinsertOverflowedTTL,
            int jobs,
            String keyspace,
            List<String> tables)
            throws IOException {
        return (Integer) invokeStorage(
                "scrub",
                new Object[] {
                    disableSnapshot,
                    skipCorrupted,
                    checkData,
                    reinsertOverflowedTTL,
                    jobs,
                    keyspace,
                    tables.toArray(new String[0])
                },
                new String[] {BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, INT, STRING, STRINGS});
    }

    /**
     * Rewrites each SSTable of the tables on its own, without what newer SSTables shadow ({@code
     * nodetool garbagecollect}).
     *
     * @param tombstoneOption {@code ROW} drops shadowed rows and partitions, {@code CELL} also cells
     * @return Cassandra's status code: 0 done, 1 aborted, 2 unable to cancel
     */
    public int garbageCollect(String tombstoneOption, int jobs, String keyspace, List<String> tables)
            throws IOException {
        return (Integer) invokeStorage(
                "garbageCollect",
                new Object[] {tombstoneOption, jobs, keyspace, tables.toArray(new String[0])},
                new String[] {STRING, INT, STRING, STRINGS});
    }

    public void flush(String keyspace) throws IOException {
        invokeStorage("forceKeyspaceFlush", new Object[] {keyspace, new String[0]}, new String[] {STRING, STRINGS});
    }

    /**
     * Flushes the keyspaces' memtables and hard-links every SSTable of theirs under
     * {@code snapshots/<tag>/} of each table's directory (what {@code nodetool snapshot} does).
     */
    public void takeSnapshot(String tag, List<String> keyspaces) throws IOException {
        invokeStorage(
                "takeSnapshot",
                new Object[] {
                    tag, new java.util.HashMap<>(Map.of("skipFlush", "false")), keyspaces.toArray(new String[0])
                },
                new String[] {STRING, Map.class.getName(), STRINGS});
    }

    /** Removes the snapshot {@code tag} of every keyspace. */
    public void clearSnapshot(String tag) throws IOException {
        clearSnapshot(tag, List.of());
    }

    /**
     * Removes the snapshot {@code tag} ({@code ""} for every snapshot) of the keyspaces (every
     * keyspace when none is named), as {@code nodetool clearsnapshot} does.
     */
    public void clearSnapshot(String tag, List<String> keyspaces) throws IOException {
        invokeStorage(
                "clearSnapshot",
                new Object[] {new java.util.HashMap<String, Object>(), tag, keyspaces.toArray(new String[0])},
                new String[] {Map.class.getName(), STRING, STRINGS});
    }

    /** Removes every row of the table on every node (what {@code TRUNCATE} does); needs every node up. */
    public void truncate(String keyspace, String table) throws IOException {
        invokeStorage("truncate", new Object[] {keyspace, table}, new String[] {STRING, STRING});
    }

    /** Whether the table exists on this node (its MBean is registered). */
    public boolean tableExists(String keyspace, String table) throws IOException {
        try {
            client.call(MBeanRequest.attribute(tableMBean(keyspace, table), "TableName"));
            return true;
        } catch (dev.cassini.helper.MBeanCallException e) {
            return false;
        }
    }

    /**
     * Moves the SSTables in {@code directory} into the live table, as {@code nodetool import} does:
     * each is verified, checked to hold only tokens this node owns, given a new generation and
     * renamed into the table's directory (so the directory must be on the data's volume), and the
     * row caches are invalidated. Returns the directories Cassandra could not import from.
     */
    @SuppressWarnings("unchecked")
    public List<String> importSSTables(String keyspace, String table, String directory) throws IOException {
        String bool = boolean.class.getName();
        return (List<String>) client.call(MBeanRequest.invoke(
                tableMBean(keyspace, table),
                "importNewSSTables",
                new Object[] {
                    new java.util.HashSet<>(java.util.Set.of(directory)), true, true, true, true, true, false, false
                },
                new String[] {java.util.Set.class.getName(), bool, bool, bool, bool, bool, bool, bool}));
    }

    private static String tableMBean(String keyspace, String table) {
        return "org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table;
    }

    /** Compactions Cassandra estimates it still has to run, over every table. */
    public int pendingCompactions() throws IOException {
        return ((Number) client.call(MBeanRequest.attribute(
                        "org.apache.cassandra.metrics:type=Compaction,name=PendingTasks", "Value")))
                .intValue();
    }

    /** Bytes this node has streamed to other replicas for repairs since it started. */
    public long repairBytesSent() throws IOException {
        return ((Number) client.call(MBeanRequest.attribute(
                        "org.apache.cassandra.metrics:type=Streaming,name=TotalOutgoingRepairBytes", "Count")))
                .longValue();
    }

    /**
     * Starts a repair with this node as coordinator (what {@code nodetool repair} asks for) and
     * returns at once with Cassandra's command number, which {@link #parentRepairStatus} takes.
     * Cassandra answers 0, starting nothing, when there is nothing to repair (a keyspace of one
     * replica, no ranges).
     *
     * @param options Cassandra's repair options ({@code RepairOption}'s keys), all as strings
     */
    public int repairAsync(String keyspace, Map<String, String> options) throws IOException {
        return ((Number) invokeStorage(
                        "repairAsync",
                        // A JDK map: the helper's socket takes JDK types only.
                        new Object[] {keyspace, new java.util.HashMap<>(options)},
                        new String[] {STRING, Map.class.getName()}))
                .intValue();
    }

    /**
     * What Cassandra recorded about a repair command: {@code IN_PROGRESS}, {@code COMPLETED} or
     * {@code FAILED} first, then its messages; null while it records nothing for the command (not
     * started yet, or forgotten).
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<String> parentRepairStatus(int command) throws IOException {
        return (List<String>) invokeStorage("getParentRepairStatus", new Object[] {command}, new String[] {"int"});
    }

    /** Terminates every repair session this node coordinates, whoever started it. */
    @Override
    public void terminateRepairSessions() throws IOException {
        invokeStorage("forceTerminateAllRepairSessions", new Object[0], new String[0]);
    }

    public void removeNode(String hostId) throws IOException {
        invokeStorage("removeNode", new Object[] {hostId}, new String[] {STRING});
    }

    public String removalStatus() throws IOException {
        return (String) storage("RemovalStatusWithPort");
    }
}
