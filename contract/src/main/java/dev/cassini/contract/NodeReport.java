package dev.cassini.contract;

import java.time.Instant;
import java.util.List;

/**
 * Everything about one node, as {@code GET /api/v1/node} serves it; null fields are unknown (for
 * example while Cassandra does not run).
 *
 * @param joined the node has been NORMAL at least once, so it owns tokens and data in the ring and
 *     must restart as itself; a node that never joined must join (or replace) again
 * @param tokens the node's tokens as decimal strings (64-bit values survive any JSON reader)
 * @param dataDisk the data volume; null when it cannot be read
 * @param clientAddresses the addresses clients hold connections to the native (CQL) port from,
 *     each once, sorted; null while Cassandra cannot tell
 * @param servingSince when the agent first saw this Cassandra process serve CQL (the native
 *     transport running); null while it does not. Clients reconnect from then on, not from the
 *     process's start, which can be a minute or more earlier
 * @param clients the connections to the native (CQL) port, each address, role and application
 *     once; null while Cassandra cannot tell
 * @param pendingCompactions compactions Cassandra estimates it still has to run; null while it cannot tell
 * @param repairBytesSent bytes this node has sent to other replicas for repairs since it started;
 *     null while Cassandra cannot tell
 */
public record NodeReport(
        NodeState state,
        ProcessState process,
        Long pid,
        Instant startedAt,
        ExitRecord lastExit,
        String address,
        String datacenter,
        String rack,
        String hostId,
        List<String> tokens,
        String load,
        String schemaVersion,
        String cassandraVersion,
        Boolean nativeTransport,
        boolean joined,
        DataDisk dataDisk,
        List<String> clientAddresses,
        Instant servingSince,
        List<ClientConnection> clients,
        Integer pendingCompactions,
        Long repairBytesSent) {}
