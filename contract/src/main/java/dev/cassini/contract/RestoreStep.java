package dev.cassini.contract;

/**
 * The steps of restoring backed-up tables, each run on the nodes before the next starts. In place
 * (each node owns the tokens of a backed-up node): download, truncate, import, so a table is empty
 * only between its truncation and the imports, never while files download. Into another topology:
 * truncate, then stream, each backed-up node's files sent from one node to the nodes that replicate
 * their ranges now.
 */
public enum RestoreStep {
    /** Download this node's files of the chosen tables into its staging directory, each checked against its digest. */
    DOWNLOAD,
    /** Truncate the chosen tables: cluster-wide, so the operator asks one node only. */
    TRUNCATE,
    /** Import the staged files into the live tables (what {@code nodetool import} does) and clear the staging. */
    IMPORT,
    /**
     * Download one backed-up node's files, a table at a time, and stream each table's to the nodes
     * the request names, each only the token ranges it replicates; the staging is cleared table by table.
     */
    STREAM
}
