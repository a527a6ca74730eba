package dev.cassini.contract.backup;

/**
 * One file of a node's backup: an SSTable component, as it lay in the table's directory, and the
 * digest of its content, which names its object in the store ({@link BackupLayout#blob}).
 *
 * @param keyspace the keyspace
 * @param table the table's name
 * @param tableId the table's id as in its directory name ({@code <table>-<tableId>}), without dashes
 * @param name the file's name, e.g. {@code nb-12-big-Data.db}
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content, 64 lowercase hex digits
 */
public record BackupFile(String keyspace, String table, String tableId, String name, long size, String sha256) {
    public BackupFile {
        BackupLayout.requireDigest(sha256);
        if (size < 0) {
            throw new IllegalArgumentException("a file's size cannot be negative: " + size);
        }
    }

    /** The file's place under a data directory: {@code <keyspace>/<table>-<tableId>/<name>}. */
    public String relativePath() {
        return keyspace + "/" + table + "-" + tableId + "/" + name;
    }
}
