package dev.cassini.contract.backup;

import java.util.regex.Pattern;

/**
 * Where each object of a backup lives under the storage's prefix:
 *
 * <pre>
 * &lt;prefix&gt;/blobs/&lt;2 hex&gt;/&lt;sha256&gt;                                file contents, named by their digest
 * &lt;prefix&gt;/backups/&lt;id&gt;/schema.json                            a {@link BackupSchema}, written first
 * &lt;prefix&gt;/backups/&lt;id&gt;/nodes/&lt;dc&gt;/&lt;rack&gt;/&lt;host id&gt;.json     a {@link NodeManifest}, written last per node
 * &lt;prefix&gt;/index/&lt;id&gt;.json                                    a {@link BackupIndex}, written last of all
 * </pre>
 *
 * A blob's key is its content's digest, so the same content is stored once however many files,
 * nodes and backups hold it, and no upload ever overwrites an object with other bytes. The two-hex
 * fan-out keeps listings and filesystem-backed stores from one huge directory.
 */
public final class BackupLayout {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    /** Backup ids are Kubernetes names, so they fit an object key and a resource name alike. */
    private static final Pattern BACKUP_ID = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final String prefix;

    /** @param prefix the storage's prefix, with or without slashes around it; empty for the bucket's root */
    public BackupLayout(String prefix) {
        String trimmed = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
    }

    public String blob(String sha256) {
        requireDigest(sha256);
        return prefix + "blobs/" + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Every blob's key starts with this. */
    public String blobs() {
        return prefix + "blobs/";
    }

    public String schema(String backupId) {
        return backup(backupId) + "schema.json";
    }

    public String manifest(String backupId, String datacenter, String rack, String hostId) {
        return backup(backupId) + "nodes/" + datacenter + "/" + rack + "/" + hostId + ".json";
    }

    /** Every object of one backup but its index entry starts with this. */
    public String backup(String backupId) {
        requireBackupId(backupId);
        return prefix + "backups/" + backupId + "/";
    }

    public String index(String backupId) {
        requireBackupId(backupId);
        return index() + backupId + ".json";
    }

    /** Every index entry's key starts with this: listing it lists the complete backups. */
    public String index() {
        return prefix + "index/";
    }

    /** The backup id of an index entry's key, or null when the key is not one. */
    public String backupIdOfIndex(String key) {
        if (!key.startsWith(index()) || !key.endsWith(".json")) {
            return null;
        }
        String id = key.substring(index().length(), key.length() - ".json".length());
        return BACKUP_ID.matcher(id).matches() ? id : null;
    }

    /** The digest a blob's key names, or null when the key is not a blob's. */
    public String digestOfBlob(String key) {
        if (!key.startsWith(blobs())) {
            return null;
        }
        String digest = key.substring(key.lastIndexOf('/') + 1);
        return DIGEST.matcher(digest).matches() && key.equals(blob(digest)) ? digest : null;
    }

    static void requireDigest(String sha256) {
        if (sha256 == null || !DIGEST.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest (64 lowercase hex digits): " + sha256);
        }
    }

    static void requireBackupId(String backupId) {
        if (backupId == null || !BACKUP_ID.matcher(backupId).matches()) {
            throw new IllegalArgumentException("a backup id is a Kubernetes name (lowercase letters, digits, '-' and "
                    + "'.', starting and ending with a letter or digit, at most 253 characters): " + backupId);
        }
    }
}
