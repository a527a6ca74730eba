package dev.cassini.contract;

/**
 * The steps of restoring backed-up tables in place, each run on the nodes before the next starts,
 * so a table is empty only between its truncation and the imports, never while files download.
 */
public enum RestoreStep {
    /** Download this node's files of the chosen tables into its staging directory, each checked against its digest. */
    DOWNLOAD,
    /** Truncate the chosen tables: cluster-wide, so the operator asks one node only. */
    TRUNCATE,
    /** Import the staged files into the live tables (what {@code nodetool import} does) and clear the staging. */
    IMPORT
}
