package dev.cassini.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the helper's Unix socket goes: in the node's state dir unless that path is too long for the kernel. */
class HelperSocketPathTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private static int bytes(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** A data dir whose preferred socket path is exactly {@code length} bytes long. */
    private static Path dataDirWithSocketPathOf(int length) {
        String suffix = "/cassini/helper.sock";
        Path dir = Path.of("/" + "d".repeat(length - suffix.length() - 1));
        assertThat(bytes(dir.resolve("cassini").resolve("helper.sock"))).isEqualTo(length);
        return dir;
    }

    @Test
    void shortDataDirKeepsTheSocketInItsStateDir() {
        Path dataDir = Path.of("/var/lib/cassini/node1");
        assertThat(HelperSocketPath.forDataDir(dataDir))
                .isEqualTo(Path.of("/var/lib/cassini/node1/cassini/helper.sock"));
    }

    @Test
    void socketPathOfExactlyOneHundredBytesStaysInTheStateDir() {
        Path dataDir = dataDirWithSocketPathOf(100);
        assertThat(HelperSocketPath.forDataDir(dataDir)).isEqualTo(dataDir.resolve("cassini/helper.sock"));
    }

    @Test
    void longDataDirGetsAShortSocketInTheTempDir() {
        Path dataDir = dataDirWithSocketPathOf(101);

        Path socket = HelperSocketPath.forDataDir(dataDir);

        assertThat(socket.getParent()).isEqualTo(TMP);
        assertThat(socket.getFileName().toString()).matches("cassini-[0-9a-f]{16}\\.sock");
        assertThat(bytes(socket)).isLessThanOrEqualTo(100);
    }

    @Test
    void lengthIsCountedInBytesNotCharacters() {
        // 45 two-byte characters: 65 characters but 110 bytes with /cassini/helper.sock.
        Path dataDir = Path.of("/" + "é".repeat(45));
        assertThat(dataDir.resolve("cassini/helper.sock").toString()).hasSizeLessThan(100);

        assertThat(HelperSocketPath.forDataDir(dataDir).getParent()).isEqualTo(TMP);
    }

    @Test
    void fallbackIsStableForTheSameDataDir() {
        Path dataDir = Path.of("/volumes/" + "x".repeat(120) + "/node1");

        assertThat(HelperSocketPath.forDataDir(dataDir))
                .isEqualTo(HelperSocketPath.forDataDir(Path.of(dataDir.toString())));
    }

    @Test
    void fallbackDiffersForDifferentDataDirs() {
        Path node1 = Path.of("/volumes/" + "x".repeat(120) + "/node1");
        Path node2 = Path.of("/volumes/" + "x".repeat(120) + "/node2");

        assertThat(HelperSocketPath.forDataDir(node1)).isNotEqualTo(HelperSocketPath.forDataDir(node2));
    }
}
