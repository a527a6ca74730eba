package dev.cassini.devkube.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLaunchTest {
    private final ContainerLaunch launch = new ContainerLaunch(
            ImageReference.parse("cassini/node:5"),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(
                    "/var/lib/cassandra",
                    Path.of("/state/volumes/pvc-1"),
                    "/var/lib/cassandra/commitlog",
                    Path.of("/state/volumes/pvc-2"),
                    "/etc/cassandra/",
                    Path.of("/state/pods/p/volumes/conf")),
            Path.of("/state/pods/p/rootfs/c"),
            "127.9.1.1",
            0);

    @Test
    void aPathUnderAMountMapsToItsVolume() {
        assertThat(launch.hostPath("/var/lib/cassandra")).isEqualTo(Path.of("/state/volumes/pvc-1"));
        assertThat(launch.hostPath("/var/lib/cassandra/data/ks")).isEqualTo(Path.of("/state/volumes/pvc-1/data/ks"));
        assertThat(launch.hostPath("/etc/cassandra/cassandra.yaml"))
                .isEqualTo(Path.of("/state/pods/p/volumes/conf/cassandra.yaml"));
    }

    @Test
    void theLongestMountWins() {
        assertThat(launch.hostPath("/var/lib/cassandra/commitlog/x")).isEqualTo(Path.of("/state/volumes/pvc-2/x"));
    }

    @Test
    void aPathOutsideEveryMountIsUnderTheRootfsAndPrefixesDoNotMatchHalfNames() {
        assertThat(launch.hostPath("/var/lib/cassandra-old"))
                .isEqualTo(Path.of("/state/pods/p/rootfs/c/var/lib/cassandra-old"));
        assertThat(launch.hostPath("/tmp")).isEqualTo(Path.of("/state/pods/p/rootfs/c/tmp"));
    }
}
