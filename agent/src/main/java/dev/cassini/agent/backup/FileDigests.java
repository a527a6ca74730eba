package dev.cassini.agent.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 digests of files, each file read once: SSTable components never change once written, and
 * a snapshot's files are hard links to them, so a digest stays valid for the same inode, size and
 * modification time, whichever snapshot links to it. A second backup of unchanged data thus reads no
 * data at all. The cache lives as long as the agent; a restarted agent reads each file once again.
 */
public final class FileDigests {
    private final Map<String, String> byFile = new ConcurrentHashMap<>();

    public String sha256(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object inode = attributes.fileKey();
        if (inode == null) {
            return compute(file);
        }
        String key = inode + "/" + attributes.size() + "/"
                + attributes.lastModifiedTime().toMillis();
        String known = byFile.get(key);
        if (known != null) {
            return known;
        }
        String digest = compute(file);
        byFile.put(key, digest);
        return digest;
    }

    /** How many digests are remembered. */
    public int size() {
        return byFile.size();
    }

    /** The digest of the file as it is now, read in full. */
    static String compute(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
