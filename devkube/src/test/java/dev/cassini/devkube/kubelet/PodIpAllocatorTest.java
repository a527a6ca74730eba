package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodIpAllocatorTest {
    @Test
    void addressesStayInsideTheSubnetAndSkipTheControlPlaneBlock() {
        PodIpAllocator ips = new PodIpAllocator(77);
        assertThat(ips.allocate()).isEqualTo("127.77.1.1");
        assertThat(ips.allocate()).isEqualTo("127.77.1.2");
    }

    @Test
    void aReleasedAddressIsNotHandedOutAgainStraightAway() {
        PodIpAllocator ips = new PodIpAllocator(77);
        String first = ips.allocate();
        ips.release(first);
        assertThat(ips.allocate()).isNotEqualTo(first);
    }

    @Test
    void addressesRollOverIntoTheNextBlockAndNeverRepeatWhileInUse() {
        PodIpAllocator ips = new PodIpAllocator(77);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            assertThat(seen.add(ips.allocate())).isTrue();
        }
        assertThat(seen)
                .contains("127.77.1.254", "127.77.2.1", "127.77.3.92")
                .doesNotContain("127.77.1.255", "127.77.2.0");
    }

    @Test
    void wrapsAroundToFreedAddressesWhenTheRangeIsExhausted() {
        PodIpAllocator ips = new PodIpAllocator(77);
        for (int i = 0; i < 255 * 254; i++) {
            ips.allocate();
        }
        assertThatThrownBy(ips::allocate).hasMessageContaining("in use");
        ips.release("127.77.9.9");
        assertThat(ips.allocate()).isEqualTo("127.77.9.9");
    }
}
