package dev.cassini.agent.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars of one Apache Cassandra version: {@code org.apache.cassandra:cassandra-all} and its
 * runtime dependencies from Maven Central, fetched once into {@code <cache>/cassandra/<version>/lib}
 * and reused. Several agents may start at once on one machine; a file lock makes one of them fetch
 * while the others wait.
 */
public final class CassandraDistribution {
    /** A directory of jars to use as is, for machines that provision Cassandra themselves. */
    public static final String ENV_LIB_DIR = dev.cassini.contract.AgentEnvironment.CASSANDRA_LIB;

    private static final Logger LOG = LoggerFactory.getLogger(CassandraDistribution.class);
    private static final String COMPLETE_MARKER = ".complete";

    private final String version;
    private final Path libDir;

    private CassandraDistribution(String version, Path libDir) {
        this.version = version;
        this.libDir = libDir;
    }

    public String version() {
        return version;
    }

    public Path libDir() {
        return libDir;
    }

    /** Cassandra's memory meter, which its own start scripts load with -javaagent. */
    public Optional<Path> jammJar() {
        try (Stream<Path> jars = Files.list(libDir)) {
            return jars.filter(p -> p.getFileName().toString().matches("jamm-[0-9.]+\\.jar"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CassandraDistribution resolve(String version, Map<String, String> env) throws IOException {
        String libOverride = env.get(ENV_LIB_DIR);
        if (libOverride != null && !libOverride.isBlank()) {
            Path lib = Path.of(libOverride);
            if (!Files.isRegularFile(lib.resolve("cassandra-all-" + version + ".jar"))) {
                throw new IOException(ENV_LIB_DIR + "=" + lib + " has no cassandra-all-" + version
                        + ".jar; point it at the lib directory of Cassandra " + version + " or unset it");
            }
            return new CassandraDistribution(version, lib);
        }
        Path versionDir = CassiniCache.root(env).resolve("cassandra").resolve(version);
        Path lib = versionDir.resolve("lib");
        if (Files.exists(versionDir.resolve(COMPLETE_MARKER))) {
            return new CassandraDistribution(version, lib);
        }
        Files.createDirectories(versionDir);
        try (FileChannel lockFile = FileChannel.open(
                        versionDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            if (!Files.exists(versionDir.resolve(COMPLETE_MARKER))) {
                fetch(version, versionDir);
            }
        }
        return new CassandraDistribution(version, lib);
    }

    /** Runs Maven on a one-dependency project to copy cassandra-all and its runtime dependencies. */
    private static void fetch(String version, Path versionDir) throws IOException {
        LOG.info("fetching Apache Cassandra {} jars from Maven Central into {}", version, versionDir);
        Path work = Files.createTempDirectory(versionDir, "fetch-");
        Path staging = work.resolve("lib");
        Files.writeString(work.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.cassini.fetch</groupId><artifactId>cassandra-%1$s</artifactId><version>1</version>
                  <dependencies>
                    <dependency><groupId>org.apache.cassandra</groupId><artifactId>cassandra-all</artifactId><version>%1$s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        List<String> command = List.of(
                mavenExecutable(),
                "-B",
                "-q",
                "-f",
                work.resolve("pom.xml").toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
                "-DincludeScope=runtime",
                "-DoutputDirectory=" + staging);
        Path log = work.resolve("mvn.log");
        Process mvn = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!mvn.waitFor(15, TimeUnit.MINUTES)) {
                mvn.destroyForcibly();
                throw new IOException("fetching Cassandra " + version + " took over 15 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            mvn.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching Cassandra " + version, e);
        }
        if (mvn.exitValue() != 0 || !Files.isRegularFile(staging.resolve("cassandra-all-" + version + ".jar"))) {
            throw new IOException(
                    "could not fetch Apache Cassandra " + version + " from Maven Central (is it a released version?). "
                            + "Maven said:\n" + Files.readString(log).strip());
        }
        Path lib = versionDir.resolve("lib");
        if (Files.exists(lib)) {
            deleteTree(lib);
        }
        Files.move(staging, lib, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(versionDir.resolve(COMPLETE_MARKER), version + "\n");
        deleteTree(work);
    }

    private static String mavenExecutable() {
        String home = System.getenv("MAVEN_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
