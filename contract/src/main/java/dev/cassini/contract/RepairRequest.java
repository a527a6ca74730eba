package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/repair}: one repair session with this node as its coordinator,
 * which must hold a replica of every range given. The job ends when Cassandra reports the session
 * completed or failed, or when it has run {@code timeoutSeconds}: then the node's repair sessions
 * are terminated and the job fails.
 *
 * @param repairId what the session belongs to (a CassandraRepair's name); with {@code segment} it
 *     lets a second request for the same work find the job already running
 * @param segment the segment's name within the repair
 * @param keyspace the keyspace to repair
 * @param tables the keyspace's tables to repair; all of them when absent
 * @param ranges the token ranges; absent for every range the node replicates (incremental repair)
 * @param datacenters only replicas in these datacenters take part; absent for all
 * @param parallelism how the replicas build their trees; {@code PARALLEL} when absent
 * @param incremental an incremental repair (anticompacts what it repaired) instead of a full one
 * @param timeoutSeconds the most the session may take
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepairRequest(
        String repairId,
        String segment,
        String keyspace,
        List<String> tables,
        List<TokenRange> ranges,
        List<String> datacenters,
        RepairParallelism parallelism,
        Boolean incremental,
        Long timeoutSeconds) {}
