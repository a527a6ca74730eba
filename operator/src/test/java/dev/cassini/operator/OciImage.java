package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * An image archive (OCI image layout in a tar), opened as a container runtime opens it: the index
 * names one manifest, every blob is what its digest says, every layer unpacks to what the config's
 * diff_ids say, and the layers, in order, make the root file system its entrypoint runs in.
 */
final class OciImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String reference;
    private final Path rootfs;
    private final JsonNode config;

    private OciImage(String reference, Path rootfs, JsonNode config) {
        this.reference = reference;
        this.rootfs = rootfs;
        this.config = config;
    }

    /** Checks {@code archive} against the layout's rules and unpacks its layers into {@code directory}/rootfs. */
    static OciImage unpack(Path archive, Path directory) throws IOException, InterruptedException {
        Path layout = Files.createDirectories(directory.resolve("layout"));
        run(List.of("tar", "-xf", archive.toString(), "-C", layout.toString()));
        assertThat(JSON.readTree(layout.resolve("oci-layout").toFile())
                        .path("imageLayoutVersion")
                        .asText())
                .isEqualTo("1.0.0");
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests")).as("manifests in the index").hasSize(1);
        JsonNode entry = index.path("manifests").get(0);
        JsonNode manifest = JSON.readTree(blob(layout, entry.path("digest").asText()));
        JsonNode config = JSON.readTree(
                blob(layout, manifest.path("config").path("digest").asText()));
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");

        Path rootfs = Files.createDirectories(directory.resolve("rootfs"));
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        JsonNode layers = manifest.path("layers");
        assertThat(layers).as("layers").hasSameSizeAs(diffIds);
        for (int i = 0; i < layers.size(); i++) {
            String digest = layers.get(i).path("digest").asText();
            Path layer = blobPath(layout, digest);
            assertThat(Files.size(layer))
                    .as("size of " + digest)
                    .isEqualTo(layers.get(i).path("size").asLong());
            assertThat(sha256(layer, true))
                    .as("uncompressed " + digest)
                    .isEqualTo(diffIds.get(i).asText());
            // (Jib writes the PAX keyword LIBARCHIVE.creationtime, which GNU tar would warn of for every file)
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layer.toString(), "-C", rootfs.toString()));
        }
        return new OciImage(
                entry.path("annotations")
                        .path("org.opencontainers.image.ref.name")
                        .asText(),
                rootfs,
                config);
    }

    /** The name the image was built as, from the index: what a registry push takes by default. */
    String reference() {
        return reference;
    }

    Path rootfs() {
        return rootfs;
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.path("config").path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        return entrypoint;
    }

    /** user:group, as numbers. */
    String user() {
        return config.path("config").path("User").asText();
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        config.path("config").path("Env").forEach(e -> {
            String[] pair = e.asText().split("=", 2);
            env.put(pair[0], pair[1]);
        });
        return env;
    }

    /** Starts the entrypoint as a runtime would: in this root, with /proc, as the image's user, with only the image's environment and {@code env}. */
    Process start(Map<String, String> env, Path log) throws IOException {
        // Mounts in a namespace of the process's own: they go when it does, and never show on this
        // machine. unshare and sh exec, so the PID is the entrypoint's and a SIGTERM reaches it. The
        // root is a mount of its own, as a runtime makes it: Java finds a path's file store (Cassandra
        // checks its disk space) among the mounts it sees.
        // (programs of this machine by their paths: the environment is the image's, its PATH the image's)
        List<String> command = new ArrayList<>(List.of(
                hostProgram("unshare"),
                "--mount",
                "--propagation",
                "private",
                hostProgram("sh"),
                "-c",
                "root=\"$1\"; user=\"$2\"; shift 2; " + hostProgram("mount") + " --bind \"$root\" \"$root\" && "
                        + hostProgram("mount") + " -t proc proc \"$root/proc\" && exec "
                        + hostProgram("chroot") + " --userspec=\"$user\" \"$root\" \"$@\"",
                "sh"));
        command.add(rootfs.toString());
        command.add(user());
        command.addAll(entrypoint());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String hostProgram(String name) {
        return Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not installed (util-linux, coreutils)"))
                .toString();
    }

    private static byte[] blob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(blobPath(layout, digest));
    }

    private static Path blobPath(Path layout, String digest) throws IOException {
        assertThat(digest).startsWith("sha256:");
        Path blob = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
        assertThat(sha256(blob, false)).as("content of blob " + digest).isEqualTo(digest);
        return blob;
    }

    private static String sha256(Path file, boolean gunzip) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gunzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a program of this machine; it must succeed. */
    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }
}
