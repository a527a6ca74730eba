package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the Cassandra jars: a provided lib dir, or a completed download in the cache (never fetched here). */
class CassandraDistributionTest {
    @TempDir
    Path tmp;

    @Test
    void libDirWithoutCassandraJarIsRefusedSayingWhatToDo() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(lib.resolve("cassandra-all-5.0.5.jar"));

        IOException e = catchThrowableOfType(
                IOException.class,
                () -> CassandraDistribution.resolve(
                        "5.0.6", Map.of(CassandraDistribution.ENV_LIB_DIR, lib.toString())));

        assertThat(e)
                .hasMessage("CASSINI_CASSANDRA_LIB=" + lib + " has no cassandra-all-5.0.6.jar;"
                        + " point it at the lib directory of Cassandra 5.0.6 or unset it");
    }

    @Test
    void missingLibDirIsRefused() {
        Path lib = tmp.resolve("nowhere");

        IOException e = catchThrowableOfType(
                IOException.class,
                () -> CassandraDistribution.resolve(
                        "5.0.6", Map.of(CassandraDistribution.ENV_LIB_DIR, lib.toString())));

        assertThat(e).hasMessageStartingWith("CASSINI_CASSANDRA_LIB=" + lib + " has no cassandra-all-5.0.6.jar");
    }

    @Test
    void libDirWithTheCassandraJarIsUsedAsIs() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(lib.resolve("cassandra-all-5.0.6.jar"));

        CassandraDistribution distribution = CassandraDistribution.resolve(
                "5.0.6",
                Map.of(
                        CassandraDistribution.ENV_LIB_DIR,
                        lib.toString(),
                        CassiniCache.ENV,
                        tmp.resolve("cache").toString()));

        assertThat(distribution.libDir()).isEqualTo(lib);
        assertThat(distribution.version()).isEqualTo("5.0.6");
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void jammJarIsFoundInTheLibDir() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(lib.resolve("cassandra-all-5.0.6.jar"));
        Files.createFile(lib.resolve("jamm-0.4.0-sources.jar"));
        Files.createFile(lib.resolve("jamm-0.4.0.jar"));
        Files.createFile(lib.resolve("guava-32.0.1-jre.jar"));

        CassandraDistribution distribution =
                CassandraDistribution.resolve("5.0.6", Map.of(CassandraDistribution.ENV_LIB_DIR, lib.toString()));

        assertThat(distribution.jammJar()).hasValue(lib.resolve("jamm-0.4.0.jar"));
    }

    @Test
    void noJammJarMeansNone() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(lib.resolve("cassandra-all-5.0.6.jar"));
        Files.createFile(lib.resolve("jamm-0.4.0-sources.jar"));

        CassandraDistribution distribution =
                CassandraDistribution.resolve("5.0.6", Map.of(CassandraDistribution.ENV_LIB_DIR, lib.toString()));

        assertThat(distribution.jammJar()).isEmpty();
    }

    @Test
    void completedCacheIsUsedWithoutFetching() throws IOException {
        Path cache = tmp.resolve("cache");
        Path versionDir = Files.createDirectories(cache.resolve("cassandra/5.0.6"));
        Files.writeString(versionDir.resolve(".complete"), "5.0.6\n");

        CassandraDistribution distribution =
                CassandraDistribution.resolve("5.0.6", Map.of(CassiniCache.ENV, cache.toString()));

        assertThat(distribution.libDir()).isEqualTo(cache.resolve("cassandra/5.0.6/lib"));
        assertThat(distribution.version()).isEqualTo("5.0.6");
        // A fetch would have taken the lock and created a work directory.
        try (var entries = Files.list(versionDir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(".complete");
        }
    }

    @Test
    void blankLibDirFallsBackToTheCache() throws IOException {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("cassandra/5.0.6"));
        Files.writeString(cache.resolve("cassandra/5.0.6/.complete"), "5.0.6\n");

        CassandraDistribution distribution = CassandraDistribution.resolve(
                "5.0.6", Map.of(CassandraDistribution.ENV_LIB_DIR, "  ", CassiniCache.ENV, cache.toString()));

        assertThat(distribution.libDir()).isEqualTo(cache.resolve("cassandra/5.0.6/lib"));
    }

    @Test
    void cacheRootIsCassiniCacheElseUnderTheHomeDirectory() {
        assertThat(CassiniCache.root(Map.of(CassiniCache.ENV, "/srv/cache"))).isEqualTo(Path.of("/srv/cache"));
        assertThat(CassiniCache.root(Map.of(CassiniCache.ENV, " ")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cassini"));
        assertThat(CassiniCache.root(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cassini"));
    }
}
