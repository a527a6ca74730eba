package dev.cassini.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the helper's Unix socket lives: in the node's state directory when the path fits the
 * kernel's limit for socket paths (108 bytes), else in the temp directory under a name derived
 * from the data directory, so each node still gets its own.
 */
final class HelperSocketPath {
    private static final int MAX_SOCKET_PATH_BYTES = 100;

    private HelperSocketPath() {}

    static Path forDataDir(Path dataDir) {
        Path preferred = dataDir.resolve("cassini").resolve("helper.sock");
        if (preferred.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return preferred;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "cassini-" + HexFormat.of().formatHex(digest, 0, 8) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
