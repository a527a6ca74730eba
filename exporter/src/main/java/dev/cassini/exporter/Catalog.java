package dev.cassini.exporter;

import static dev.cassini.exporter.Family.counter;
import static dev.cassini.exporter.Family.gauge;
import static dev.cassini.exporter.Family.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The curated default set: every family the exporter serves, and which entries of Cassandra's
 * metrics registry feed them. It follows the usual Cassandra monitoring guide (node status, client
 * requests, compaction, GC, memory, thread pools, dropped messages, per-table health, hints,
 * streaming, caches, disk, CQL connections) and leaves out the thousands of other registry entries,
 * which is what keeps a node's series count bounded.
 */
public final class Catalog {
    /** Cassandra's timers keep their samples in microseconds (CassandraMetricsRegistry.DEFAULT_TIMER_UNIT). */
    private static final double MICROS = 1e-6;

    private static final List<Double> REQUEST_QUANTILES = List.of(0.5, 0.75, 0.95, 0.98, 0.99, 0.999);
    // Per-table families multiply by the table count, so they carry the fewest quantiles that still answer "typical"
    // and "tail".
    private static final List<Double> TABLE_LATENCY_QUANTILES = List.of(0.5, 0.95, 0.99);
    private static final List<Double> TABLE_HISTOGRAM_QUANTILES = List.of(0.5, 0.99);

    // ---- node status (NodeStatusCollector) ----
    public static final Family NODE_STATE = gauge(
            "cassandra_node_state",
            "1 for the node's current operation mode (Cassandra's nodetool netstats 'Mode'), 0 for the others",
            "state");
    public static final Family NODE_NATIVE_TRANSPORT =
            gauge("cassandra_node_native_transport_active", "1 while the node serves CQL clients");
    public static final Family NODE_GOSSIP =
            gauge("cassandra_node_gossip_active", "1 while the node takes part in gossip");
    public static final Family NODE_ENDPOINTS =
            gauge("cassandra_node_endpoints", "Ring members as this node sees them, by status (up or down)", "status");

    // ---- client requests (coordinator side) ----
    public static final Family CLIENT_LATENCY = summary(
            "cassandra_client_request_latency_seconds",
            "Coordinator latency of client requests, recent quantiles (decaying), total count and sum",
            MICROS,
            REQUEST_QUANTILES,
            "operation");
    public static final Family CLIENT_TIMEOUTS =
            counter("cassandra_client_request_timeouts", "Client requests that timed out", "operation");
    public static final Family CLIENT_UNAVAILABLES = counter(
            "cassandra_client_request_unavailables",
            "Client requests refused because too few replicas were alive",
            "operation");
    public static final Family CLIENT_FAILURES = counter(
            "cassandra_client_request_failures",
            "Client requests that failed (replica errors, e.g. tombstone overwhelm)",
            "operation");

    // ---- compaction ----
    public static final Family COMPACTION_PENDING =
            gauge("cassandra_compaction_pending_tasks", "Estimated compactions still to run");
    public static final Family COMPACTION_COMPLETED =
            counter("cassandra_compaction_completed_tasks", "Compaction tasks completed");
    public static final Family COMPACTION_BYTES = counter("cassandra_compaction_bytes_compacted", "Bytes compacted");

    // ---- JVM (JvmCollector) ----
    public static final Family GC_COLLECTIONS =
            counter("cassandra_jvm_gc_collections", "Garbage collections", "collector");
    public static final Family GC_SECONDS = counter(
            "cassandra_jvm_gc_collection_seconds",
            "Time spent in garbage collection (pause time for G1 young and mixed collections)",
            "collector");
    public static final Family MEMORY_USED = gauge("cassandra_jvm_memory_used_bytes", "JVM memory in use", "area");
    public static final Family MEMORY_COMMITTED =
            gauge("cassandra_jvm_memory_committed_bytes", "JVM memory committed", "area");
    public static final Family MEMORY_MAX =
            gauge("cassandra_jvm_memory_max_bytes", "Maximum JVM memory (heap: -Xmx)", "area");
    public static final Family BUFFER_POOL_USED =
            gauge("cassandra_jvm_buffer_pool_used_bytes", "Direct and mapped buffers in use (off-heap)", "pool");
    public static final Family OFFHEAP = gauge(
            "cassandra_offheap_memory_bytes",
            "Off-heap memory Cassandra uses for its data structures, all tables together",
            "component");

    // ---- thread pools, messages ----
    public static final Family POOL_ACTIVE = gauge("cassandra_thread_pool_active_tasks", "Tasks running", "pool");
    public static final Family POOL_PENDING = gauge("cassandra_thread_pool_pending_tasks", "Tasks queued", "pool");
    public static final Family POOL_BLOCKED =
            gauge("cassandra_thread_pool_blocked_tasks", "Tasks blocked now because the queue is full", "pool");
    public static final Family POOL_BLOCKED_TOTAL =
            counter("cassandra_thread_pool_tasks_blocked", "Tasks that were ever blocked", "pool");
    public static final Family POOL_COMPLETED =
            counter("cassandra_thread_pool_completed_tasks", "Tasks completed", "pool");
    public static final Family DROPPED = counter(
            "cassandra_dropped_messages",
            "Messages dropped because they waited longer than their timeout, by verb",
            "verb");

    // ---- hints, streaming ----
    public static final Family HINTS_STORED =
            counter("cassandra_hints_stored", "Hints written for unreachable replicas");
    public static final Family HINTS_IN_PROGRESS = gauge("cassandra_hints_in_progress", "Hints being written now");
    public static final Family HINTS_SUCCEEDED = counter("cassandra_hints_succeeded", "Hints delivered");
    public static final Family HINTS_FAILED = counter("cassandra_hints_failed", "Hint deliveries that failed");
    public static final Family HINTS_TIMED_OUT = counter("cassandra_hints_timed_out", "Hint deliveries that timed out");
    public static final Family STREAM_IN =
            counter("cassandra_streaming_incoming_bytes", "Bytes received by streaming (bootstrap, repair, rebuild)");
    public static final Family STREAM_OUT = counter("cassandra_streaming_outgoing_bytes", "Bytes sent by streaming");
    public static final Family STREAM_ACTIVE =
            gauge("cassandra_streaming_active_outbound_streams", "Outbound streams in progress");

    // ---- caches, storage, disk, clients ----
    public static final Family CACHE_HITS = counter("cassandra_cache_hits", "Cache hits", "cache");
    public static final Family CACHE_REQUESTS = counter("cassandra_cache_requests", "Cache lookups", "cache");
    public static final Family CACHE_HIT_RATIO =
            gauge("cassandra_cache_hit_ratio", "Hits per lookup since start", "cache");
    public static final Family CACHE_SIZE = gauge("cassandra_cache_size_bytes", "Cache size", "cache");
    public static final Family CACHE_CAPACITY = gauge("cassandra_cache_capacity_bytes", "Cache capacity", "cache");
    public static final Family STORAGE_LOAD =
            gauge("cassandra_storage_load_bytes", "Live data this node stores (nodetool status Load)");
    public static final Family STORAGE_EXCEPTIONS =
            counter("cassandra_storage_exceptions", "Internal errors while processing data");
    public static final Family DATA_DIR_TOTAL = gauge(
            "cassandra_data_directory_total_bytes", "Size of the file system holding a data directory", "directory");
    public static final Family DATA_DIR_AVAILABLE = gauge(
            "cassandra_data_directory_available_bytes",
            "Space left for Cassandra on the file system holding a data directory",
            "directory");
    public static final Family COMMITLOG_PENDING =
            gauge("cassandra_commitlog_pending_tasks", "Commit log writes waiting");
    public static final Family COMMITLOG_SIZE = gauge("cassandra_commitlog_size_bytes", "Commit log segments on disk");
    public static final Family CLIENTS = gauge("cassandra_client_connected_native_clients", "Open CQL connections");
    public static final Family CQL_STATEMENTS = counter(
            "cassandra_cql_statements_executed", "CQL statements executed, prepared or regular (unprepared)", "kind");

    // ---- per table (keyspace, table) ----
    // ---- Cassandra's own auto-repair scheduler (5.0.8 and later; absent on older versions) ----
    public static final Family AUTO_REPAIR_IN_PROGRESS = gauge(
            "cassandra_auto_repair_in_progress",
            "1 while Cassandra's auto-repair scheduler repairs on this node",
            "repair_type");
    public static final Family AUTO_REPAIR_LONGEST_UNREPAIRED = gauge(
            "cassandra_auto_repair_longest_unrepaired_seconds",
            "Seconds since Cassandra's auto-repair scheduler last finished repairing this node",
            "repair_type");
    public static final Family AUTO_REPAIR_NODE_TIME = gauge(
            "cassandra_auto_repair_node_repair_seconds",
            "How long this node's last auto-repair turn took",
            "repair_type");
    public static final Family AUTO_REPAIR_CLUSTER_TIME = gauge(
            "cassandra_auto_repair_cluster_repair_seconds",
            "How long the last auto-repair cycle of every node took, as this node saw it",
            "repair_type");
    public static final Family AUTO_REPAIR_FAILED_RANGES = gauge(
            "cassandra_auto_repair_failed_token_ranges",
            "Token ranges this node's last auto-repair turn failed to repair",
            "repair_type");
    public static final Family AUTO_REPAIR_SKIPPED_TABLES = gauge(
            "cassandra_auto_repair_skipped_tables", "Tables this node's last auto-repair turn skipped", "repair_type");

    public static final Family TABLE_READ_LATENCY = summary(
            "cassandra_table_read_latency_seconds",
            "Local read latency of the table, recent quantiles (decaying), count and sum",
            MICROS,
            TABLE_LATENCY_QUANTILES,
            "keyspace",
            "table");
    public static final Family TABLE_WRITE_LATENCY = summary(
            "cassandra_table_write_latency_seconds",
            "Local write latency of the table, recent quantiles (decaying), count and sum",
            MICROS,
            TABLE_LATENCY_QUANTILES,
            "keyspace",
            "table");
    public static final Family TABLE_TOMBSTONES = summary(
            "cassandra_table_tombstones_scanned",
            "Tombstones scanned per read, recent quantiles",
            1,
            TABLE_HISTOGRAM_QUANTILES,
            "keyspace",
            "table");
    public static final Family TABLE_SSTABLES_PER_READ = summary(
            "cassandra_table_sstables_per_read",
            "SSTables touched per read, recent quantiles",
            1,
            TABLE_HISTOGRAM_QUANTILES,
            "keyspace",
            "table");
    public static final Family TABLE_PARTITION_MAX = gauge(
            "cassandra_table_partition_size_max_bytes",
            "Largest partition in the table's SSTables",
            "keyspace",
            "table");
    public static final Family TABLE_PARTITION_MEAN = gauge(
            "cassandra_table_partition_size_mean_bytes",
            "Mean partition size in the table's SSTables",
            "keyspace",
            "table");
    public static final Family TABLE_LIVE_DISK = gauge(
            "cassandra_table_live_disk_space_bytes", "Disk space of the table's live SSTables", "keyspace", "table");
    public static final Family TABLE_TOTAL_DISK = gauge(
            "cassandra_table_total_disk_space_bytes",
            "Disk space of all the table's SSTables, including obsolete ones not yet deleted",
            "keyspace",
            "table");
    public static final Family TABLE_PENDING_FLUSHES =
            gauge("cassandra_table_pending_flushes", "Memtable flushes waiting", "keyspace", "table");
    public static final Family TABLE_LIVE_SSTABLES =
            gauge("cassandra_table_live_sstables", "Live SSTables", "keyspace", "table");
    public static final Family TABLE_PENDING_COMPACTIONS = gauge(
            "cassandra_table_pending_compactions",
            "Estimated compactions still to run for the table",
            "keyspace",
            "table");

    // ---- the exporter itself ----
    public static final Family TABLE_PERCENT_REPAIRED = gauge(
            "cassandra_table_percent_repaired",
            "Percent of the table's data on this node in SSTables an incremental repair marked repaired",
            "keyspace",
            "table");

    public static final Family EXPORTER_TABLES = gauge(
            "cassandra_exporter_tables",
            "Tables whose metrics are exported, and tables left out by the table limit",
            "state");

    /** Families read from the registry: the per-table ones, in output order. */
    static final List<Family> TABLE_FAMILIES = List.of(
            TABLE_READ_LATENCY,
            TABLE_WRITE_LATENCY,
            TABLE_TOMBSTONES,
            TABLE_SSTABLES_PER_READ,
            TABLE_PARTITION_MAX,
            TABLE_PARTITION_MEAN,
            TABLE_LIVE_DISK,
            TABLE_TOTAL_DISK,
            TABLE_PENDING_FLUSHES,
            TABLE_LIVE_SSTABLES,
            TABLE_PENDING_COMPACTIONS,
            TABLE_PERCENT_REPAIRED);

    /**
     * The families of Cassandra's auto-repair scheduler: only 5.0.8 and later register them, and
     * only once the scheduler runs (repair mode Cassandra), so a scrape of another node lacks them.
     */
    public static final List<Family> AUTO_REPAIR_FAMILIES = List.of(
            AUTO_REPAIR_IN_PROGRESS,
            AUTO_REPAIR_LONGEST_UNREPAIRED,
            AUTO_REPAIR_NODE_TIME,
            AUTO_REPAIR_CLUSTER_TIME,
            AUTO_REPAIR_FAILED_RANGES,
            AUTO_REPAIR_SKIPPED_TABLES);

    /** Node-level families read from the registry, in output order. */
    static final List<Family> NODE_REGISTRY_FAMILIES = withAutoRepair(List.of(
            CLIENT_LATENCY,
            CLIENT_TIMEOUTS,
            CLIENT_UNAVAILABLES,
            CLIENT_FAILURES,
            COMPACTION_PENDING,
            COMPACTION_COMPLETED,
            COMPACTION_BYTES,
            OFFHEAP,
            POOL_ACTIVE,
            POOL_PENDING,
            POOL_BLOCKED,
            POOL_BLOCKED_TOTAL,
            POOL_COMPLETED,
            DROPPED,
            HINTS_STORED,
            HINTS_IN_PROGRESS,
            HINTS_SUCCEEDED,
            HINTS_FAILED,
            HINTS_TIMED_OUT,
            STREAM_IN,
            STREAM_OUT,
            STREAM_ACTIVE,
            CACHE_HITS,
            CACHE_REQUESTS,
            CACHE_HIT_RATIO,
            CACHE_SIZE,
            CACHE_CAPACITY,
            STORAGE_LOAD,
            STORAGE_EXCEPTIONS,
            COMMITLOG_PENDING,
            COMMITLOG_SIZE,
            CLIENTS,
            CQL_STATEMENTS));

    /** The node-level families in output order: the usual ones, then the auto-repair scheduler's. */
    private static List<Family> withAutoRepair(List<Family> usual) {
        List<Family> all = new ArrayList<>(usual);
        all.addAll(AUTO_REPAIR_FAMILIES);
        return List.copyOf(all);
    }

    /** Families computed outside the registry (JVM, node status, disks, the exporter). */
    static final List<Family> COMPUTED_FAMILIES = List.of(
            NODE_STATE,
            NODE_NATIVE_TRANSPORT,
            NODE_GOSSIP,
            NODE_ENDPOINTS,
            GC_COLLECTIONS,
            GC_SECONDS,
            MEMORY_USED,
            MEMORY_COMMITTED,
            MEMORY_MAX,
            BUFFER_POOL_USED,
            DATA_DIR_TOTAL,
            DATA_DIR_AVAILABLE,
            EXPORTER_TABLES);

    /** Where a registry entry goes: its family, whether it is the family's main value or a summary's sum, and its labels. */
    public record Binding(Family family, Role role, List<String> labelValues) {}

    public enum Role {
        VALUE,
        SUM_MICROS
    }

    private record Rule(Family family, Role role, Function<String, List<String>> labels) {}

    private static final Map<String, Rule> RULES = rules();

    private Catalog() {}

    /** Every family of the default set. */
    public static List<Family> families() {
        List<Family> all = new ArrayList<>(COMPUTED_FAMILIES);
        all.addAll(NODE_REGISTRY_FAMILIES);
        all.addAll(TABLE_FAMILIES);
        return List.copyOf(all);
    }

    /** Where this registry entry is exported, or null if it is not part of the default set. */
    public static Binding bind(RegistryName name) {
        Rule rule = RULES.get(name.type() + "." + name.name());
        if (rule == null) {
            return null;
        }
        List<String> labels = rule.labels().apply(name.scope());
        return labels == null ? null : new Binding(rule.family(), rule.role(), labels);
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> r = new HashMap<>();
        Function<String, List<String>> none = scope -> scope.isEmpty() ? List.of() : null;
        Function<String, List<String>> operation = Catalog::operation;
        r.put("ClientRequest.Latency", new Rule(CLIENT_LATENCY, Role.VALUE, operation));
        r.put("ClientRequest.TotalLatency", new Rule(CLIENT_LATENCY, Role.SUM_MICROS, operation));
        r.put("ClientRequest.Timeouts", new Rule(CLIENT_TIMEOUTS, Role.VALUE, operation));
        r.put("ClientRequest.Unavailables", new Rule(CLIENT_UNAVAILABLES, Role.VALUE, operation));
        r.put("ClientRequest.Failures", new Rule(CLIENT_FAILURES, Role.VALUE, operation));

        r.put("Compaction.PendingTasks", new Rule(COMPACTION_PENDING, Role.VALUE, none));
        r.put("Compaction.CompletedTasks", new Rule(COMPACTION_COMPLETED, Role.VALUE, none));
        r.put("Compaction.BytesCompacted", new Rule(COMPACTION_BYTES, Role.VALUE, none));

        r.put("Table.AllMemtablesOffHeapDataSize", new Rule(OFFHEAP, Role.VALUE, fixed("all", "memtable")));
        r.put("Table.BloomFilterOffHeapMemoryUsed", new Rule(OFFHEAP, Role.VALUE, fixed("all", "bloom_filter")));
        r.put("Table.IndexSummaryOffHeapMemoryUsed", new Rule(OFFHEAP, Role.VALUE, fixed("all", "index_summary")));
        r.put(
                "Table.CompressionMetadataOffHeapMemoryUsed",
                new Rule(OFFHEAP, Role.VALUE, fixed("all", "compression_metadata")));

        Function<String, List<String>> pool = Catalog::pool;
        r.put("ThreadPools.ActiveTasks", new Rule(POOL_ACTIVE, Role.VALUE, pool));
        r.put("ThreadPools.PendingTasks", new Rule(POOL_PENDING, Role.VALUE, pool));
        r.put("ThreadPools.CurrentlyBlockedTasks", new Rule(POOL_BLOCKED, Role.VALUE, pool));
        r.put("ThreadPools.TotalBlockedTasks", new Rule(POOL_BLOCKED_TOTAL, Role.VALUE, pool));
        r.put("ThreadPools.CompletedTasks", new Rule(POOL_COMPLETED, Role.VALUE, pool));
        r.put("DroppedMessage.Dropped", new Rule(DROPPED, Role.VALUE, Catalog::verb));

        r.put("Storage.TotalHints", new Rule(HINTS_STORED, Role.VALUE, none));
        r.put("Storage.TotalHintsInProgress", new Rule(HINTS_IN_PROGRESS, Role.VALUE, none));
        r.put("HintsService.HintsSucceeded", new Rule(HINTS_SUCCEEDED, Role.VALUE, none));
        r.put("HintsService.HintsFailed", new Rule(HINTS_FAILED, Role.VALUE, none));
        r.put("HintsService.HintsTimedOut", new Rule(HINTS_TIMED_OUT, Role.VALUE, none));
        r.put("Streaming.TotalIncomingBytes", new Rule(STREAM_IN, Role.VALUE, none));
        r.put("Streaming.TotalOutgoingBytes", new Rule(STREAM_OUT, Role.VALUE, none));
        r.put("Streaming.ActiveOutboundStreams", new Rule(STREAM_ACTIVE, Role.VALUE, none));

        Function<String, List<String>> cache = Catalog::cache;
        r.put("Cache.Hits", new Rule(CACHE_HITS, Role.VALUE, cache));
        r.put("Cache.Requests", new Rule(CACHE_REQUESTS, Role.VALUE, cache));
        r.put("Cache.HitRate", new Rule(CACHE_HIT_RATIO, Role.VALUE, cache));
        r.put("Cache.Size", new Rule(CACHE_SIZE, Role.VALUE, cache));
        r.put("Cache.Capacity", new Rule(CACHE_CAPACITY, Role.VALUE, cache));
        r.put("Storage.Load", new Rule(STORAGE_LOAD, Role.VALUE, none));
        r.put("Storage.Exceptions", new Rule(STORAGE_EXCEPTIONS, Role.VALUE, none));
        r.put("CommitLog.PendingTasks", new Rule(COMMITLOG_PENDING, Role.VALUE, none));
        r.put("CommitLog.TotalCommitLogSize", new Rule(COMMITLOG_SIZE, Role.VALUE, none));
        r.put("Client.ConnectedNativeClients", new Rule(CLIENTS, Role.VALUE, none));
        r.put("CQL.PreparedStatementsExecuted", new Rule(CQL_STATEMENTS, Role.VALUE, fixed("", "prepared")));
        r.put("CQL.RegularStatementsExecuted", new Rule(CQL_STATEMENTS, Role.VALUE, fixed("", "regular")));

        // Cassandra registers these under the type "autorepair" (lower case), scoped "repairType=full".
        Function<String, List<String>> repairType = Catalog::repairType;
        r.put("autorepair.RepairsInProgress", new Rule(AUTO_REPAIR_IN_PROGRESS, Role.VALUE, repairType));
        r.put("autorepair.LongestUnrepairedSec", new Rule(AUTO_REPAIR_LONGEST_UNREPAIRED, Role.VALUE, repairType));
        r.put("autorepair.NodeRepairTimeInSec", new Rule(AUTO_REPAIR_NODE_TIME, Role.VALUE, repairType));
        r.put("autorepair.ClusterRepairTimeInSec", new Rule(AUTO_REPAIR_CLUSTER_TIME, Role.VALUE, repairType));
        r.put("autorepair.FailedTokenRangesCount", new Rule(AUTO_REPAIR_FAILED_RANGES, Role.VALUE, repairType));
        r.put("autorepair.SkippedTablesCount", new Rule(AUTO_REPAIR_SKIPPED_TABLES, Role.VALUE, repairType));

        Function<String, List<String>> table = Catalog::table;
        r.put("Table.ReadLatency", new Rule(TABLE_READ_LATENCY, Role.VALUE, table));
        r.put("Table.ReadTotalLatency", new Rule(TABLE_READ_LATENCY, Role.SUM_MICROS, table));
        r.put("Table.WriteLatency", new Rule(TABLE_WRITE_LATENCY, Role.VALUE, table));
        r.put("Table.WriteTotalLatency", new Rule(TABLE_WRITE_LATENCY, Role.SUM_MICROS, table));
        r.put("Table.TombstoneScannedHistogram", new Rule(TABLE_TOMBSTONES, Role.VALUE, table));
        r.put("Table.SSTablesPerReadHistogram", new Rule(TABLE_SSTABLES_PER_READ, Role.VALUE, table));
        r.put("Table.MaxPartitionSize", new Rule(TABLE_PARTITION_MAX, Role.VALUE, table));
        r.put("Table.MeanPartitionSize", new Rule(TABLE_PARTITION_MEAN, Role.VALUE, table));
        r.put("Table.LiveDiskSpaceUsed", new Rule(TABLE_LIVE_DISK, Role.VALUE, table));
        r.put("Table.TotalDiskSpaceUsed", new Rule(TABLE_TOTAL_DISK, Role.VALUE, table));
        r.put("Table.PendingFlushes", new Rule(TABLE_PENDING_FLUSHES, Role.VALUE, table));
        r.put("Table.LiveSSTableCount", new Rule(TABLE_LIVE_SSTABLES, Role.VALUE, table));
        r.put("Table.PendingCompactions", new Rule(TABLE_PENDING_COMPACTIONS, Role.VALUE, table));
        r.put("Table.PercentRepaired", new Rule(TABLE_PERCENT_REPAIRED, Role.VALUE, table));
        return Map.copyOf(r);
    }

    /** Accepts exactly one scope and labels it with a fixed value (e.g. the "all tables" aggregate). */
    private static Function<String, List<String>> fixed(String scope, String value) {
        return s -> s.equals(scope) ? List.of(value) : null;
    }

    /** The five request kinds worth a dashboard; Cassandra also keeps per-consistency-level copies (Read-ONE...), left out. */
    private static List<String> operation(String scope) {
        return switch (scope) {
            case "Read" -> List.of("read");
            case "Write" -> List.of("write");
            case "RangeSlice" -> List.of("range_slice");
            case "CASRead" -> List.of("cas_read");
            case "CASWrite" -> List.of("cas_write");
            default -> null;
        };
    }

    /** {@code request.ReadStage} → ReadStage: pool names are unique, the path adds nothing. */
    private static List<String> pool(String scope) {
        int dot = scope.indexOf('.');
        return dot < 0 ? null : List.of(scope.substring(dot + 1));
    }

    /** Leaves out test and placeholder verbs (_TEST_1, _SAMPLE, UNUSED_CUSTOM_VERB), which never carry traffic. */
    private static List<String> verb(String scope) {
        return scope.isEmpty() || scope.startsWith("_") || scope.startsWith("UNUSED") ? null : List.of(scope);
    }

    /** The scheduler's repair type ({@code full}, {@code incremental}, ...), with or without its key. */
    private static List<String> repairType(String scope) {
        String type = scope.startsWith("repairType=") ? scope.substring("repairType=".length()) : scope;
        return type.isEmpty() || type.contains(".") ? null : List.of(type.toLowerCase(Locale.ROOT));
    }

    private static List<String> cache(String scope) {
        if (!scope.endsWith("Cache") || scope.length() == "Cache".length()) {
            return null;
        }
        return List.of(scope.substring(0, scope.length() - "Cache".length()).toLowerCase(Locale.ROOT));
    }

    /** {@code ks.tbl} → [ks, tbl]; the node-wide aggregate {@code all} and keyspace-only scopes are not tables. */
    private static List<String> table(String scope) {
        int dot = scope.indexOf('.');
        if (dot <= 0 || dot == scope.length() - 1 || scope.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        return List.of(scope.substring(0, dot), scope.substring(dot + 1));
    }
}
