package dev.cassini.devkube.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackSubnetTest {
    @TempDir
    Path locks;

    @Test
    void twoDevkubesNeverShareASubnetAndAReleasedOneIsReusable() {
        try (LoopbackSubnet first = LoopbackSubnet.claim(locks, 100);
                LoopbackSubnet second = LoopbackSubnet.claim(locks, 100)) {
            assertThat(first.octet()).isEqualTo(100);
            assertThat(second.octet()).isEqualTo(101);
            assertThat(first.controlPlaneAddress()).isEqualTo("127.100.0.1");
            assertThat(first.nodeAddress(2)).isEqualTo("127.100.0.12");
        }
        try (LoopbackSubnet again = LoopbackSubnet.claim(locks, 100)) {
            assertThat(again.octet()).isEqualTo(100);
        }
    }

    @Test
    void aPreferenceOutsideTheRangeWrapsIntoIt() {
        try (LoopbackSubnet subnet = LoopbackSubnet.claim(locks, 7)) {
            assertThat(subnet.octet()).isBetween(LoopbackSubnet.FIRST, LoopbackSubnet.LAST);
        }
    }
}
