package dev.cassini.contract;

/**
 * The data volume's space as the operator needs it to decide whether the other nodes can take a
 * leaving node's data: Cassandra's live data on this node and the volume's free and total bytes.
 *
 * @param loadBytes live SSTable bytes (nodetool's Load); null while Cassandra does not run
 * @param freeBytes bytes Cassandra can still write on the data volume
 * @param totalBytes the data volume's size
 */
public record DataDisk(Long loadBytes, long freeBytes, long totalBytes) {}
