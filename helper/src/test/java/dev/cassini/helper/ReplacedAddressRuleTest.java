package dev.cassini.helper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplacedAddressRuleTest {
    @Test
    void onlyADeadNonMemberAddressWhoseHostIdLivesElsewhereIsForgotten() {
        // Every combination: exactly one is a former address.
        int forgotten = 0;
        for (int bits = 0; bits < 32; bits++) {
            boolean self = (bits & 1) != 0;
            boolean alive = (bits & 2) != 0;
            boolean member = (bits & 4) != 0;
            boolean elsewhere = (bits & 8) != 0;
            boolean ownerAlive = (bits & 16) != 0;
            boolean replaced = ReplacedAddressRule.replaced(self, alive, member, elsewhere, ownerAlive);
            if (replaced) {
                forgotten++;
                assertThat(self || alive || member).isFalse();
                assertThat(elsewhere && ownerAlive).isTrue();
            }
        }
        assertThat(forgotten).isEqualTo(1);
    }

    @Test
    void aNodeDownWhileItsNewAddressIsNotUpYetIsKept() {
        // Restarted, but the new address is not up in this node's view yet: its old one stays for now.
        assertThat(ReplacedAddressRule.replaced(false, false, false, true, false))
                .isFalse();
        // Down and still owning its tokens (stopped, not moved): Cassandra's business.
        assertThat(ReplacedAddressRule.replaced(false, false, true, false, false))
                .isFalse();
    }
}
