package dev.cassini.contract;

/**
 * {@code POST /api/v1/operations/decommission}: stream this node's data away and leave the ring.
 * The body is optional; without one the decommission is not forced.
 *
 * @param force go on although a keyspace would keep fewer nodes in this datacenter than its
 *     replication factor there. Only for a datacenter that leaves as a whole, when {@code
 *     system_auth} alone still names it: Cassandra refuses to take a datacenter with live nodes
 *     out of {@code system_auth}, and refuses a plain decommission while it is there
 */
public record DecommissionRequest(boolean force) {}
