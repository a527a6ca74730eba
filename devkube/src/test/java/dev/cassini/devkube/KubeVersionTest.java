package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KubeVersionTest {
    @Test
    void thePinnedVersionIsTheOneTheGoModuleBuilds() throws Exception {
        String goMod = Files.readString(Path.of("kube-binaries", "go.mod"));
        assertThat(goMod).containsPattern("\\bk8s\\.io/kubernetes v" + KubeVersion.PINNED.replace(".", "\\.") + "\\b");
        assertThat(KubeVersion.cacheDirName()).isEqualTo(KubeVersion.PINNED + "-linux-amd64");
    }
}
