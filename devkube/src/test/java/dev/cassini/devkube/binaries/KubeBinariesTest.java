package dev.cassini.devkube.binaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.devkube.KubeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeBinariesTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitDirectoryWinsOverTheCache() throws Exception {
        Path explicit = fill(dir.resolve("bin"));
        fill(dir.resolve("cache/k8s/" + KubeVersion.cacheDirName()));
        var found = KubeBinaries.find(Map.of(
                KubeBinaries.BIN_ENV,
                explicit.toString(),
                KubeBinaries.CACHE_ENV,
                dir.resolve("cache").toString()));
        assertThat(found).contains(new KubeBinaries(explicit));
    }

    @Test
    void theCacheIsReadInSetupEnvtestLayout() throws Exception {
        Path cached = fill(dir.resolve("cache/k8s/" + KubeVersion.PINNED + "-linux-amd64"));
        assertThat(KubeBinaries.find(
                        Map.of(KubeBinaries.CACHE_ENV, dir.resolve("cache").toString())))
                .hasValueSatisfying(b -> assertThat(b.apiServer()).isEqualTo(cached.resolve("kube-apiserver")));
    }

    @Test
    void anIncompleteCacheCountsAsEmpty() throws Exception {
        Path cached = fill(dir.resolve("cache/k8s/" + KubeVersion.cacheDirName()));
        Files.delete(cached.resolve("kubectl"));
        assertThat(KubeBinaries.find(
                        Map.of(KubeBinaries.CACHE_ENV, dir.resolve("cache").toString())))
                .isEmpty();
    }

    @Test
    void anIncompleteExplicitDirectoryIsAnErrorThatNamesWhatIsMissing() throws Exception {
        Path explicit = fill(dir.resolve("bin"));
        Files.delete(explicit.resolve("etcd"));
        assertThatThrownBy(() -> KubeBinaries.find(Map.of(KubeBinaries.BIN_ENV, explicit.toString())))
                .hasMessageContaining("lacks [etcd]");
    }

    private static Path fill(Path directory) throws Exception {
        Files.createDirectories(directory);
        for (String name : KubeBinaries.NAMES) {
            Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return directory;
    }
}
