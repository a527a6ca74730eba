package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.NodeSlot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreTargetsTest {
    private static RestoreTargets.Backed backed(String dc, String rack, String pod, String hostId, String... tokens) {
        return new RestoreTargets.Backed("m/" + hostId, dc, rack, pod, hostId, List.of(tokens));
    }

    private static final List<RestoreTargets.Backed> BACKUP = List.of(
            backed("dc1", "r1", "old-dc1-r1-10", "h3", "30", "31"),
            backed("dc1", "r1", "old-dc1-r1-9", "h1", "10", "11"),
            backed("dc1", "r2", "old-dc1-r2-0", "h2", "20", "21"));

    private static final List<NodeSlot> SLOTS = List.of(
            new NodeSlot("east", "r1", 0, "new-east-r1-0", 0),
            new NodeSlot("east", "r2", 0, "new-east-r2-0", 1),
            new NodeSlot("east", "r1", 1, "new-east-r1-1", 2));

    @Test
    void aNewRingTakesTheBackedUpTokensRackByRackInOrdinalOrder() {
        RestoreTargets.NewRing ring = RestoreTargets.newRing(SLOTS, BACKUP, Map.of("dc1", "east"));

        assertThat(ring.refusal()).isEmpty();
        assertThat(ring.tokens())
                .isEqualTo(Map.of(
                        "new-east-r1-0", List.of(10L, 11L),
                        "new-east-r1-1", List.of(30L, 31L),
                        "new-east-r2-0", List.of(20L, 21L)));
    }

    @Test
    void aNewRingOfAnotherShapeStartsWithTokensOfItsOwnAndSaysWhyWithBothShapes() {
        RestoreTargets.NewRing ring = RestoreTargets.newRing(SLOTS.subList(0, 2), BACKUP, Map.of("dc1", "east"));

        assertThat(ring.tokens()).isEmpty();
        assertThat(ring.refusal()).isEmpty();
        assertThat(ring.streamed().orElseThrow())
                .startsWith("the backup's nodes per rack (east/r1: 2, east/r2: 1) are not this cluster's (east/r1: 1,"
                        + " east/r2: 1 after datacenterMapping)")
                .endsWith("the restore streams each backed-up node's files to the nodes that replicate them");
    }

    @Test
    void anUnmappedDatacenterDoesNotFitSoTheBackupStreams() {
        RestoreTargets.NewRing ring = RestoreTargets.newRing(SLOTS, BACKUP, Map.of());
        assertThat(ring.tokens()).isEmpty();
        assertThat(ring.streamed()).isPresent();
    }

    @Test
    void membersMatchByHostIdElseByTheirTokens() {
        RestoreTargets.Matching matching = RestoreTargets.match(
                List.of(
                        new RestoreTargets.Member("a", "h1", List.of("99")),
                        new RestoreTargets.Member("b", "new-host", List.of("21", "20")),
                        new RestoreTargets.Member("c", "other", List.of("30"))),
                BACKUP);

        assertThat(matching.manifestByPod()).isEqualTo(Map.of("a", "m/h1", "b", "m/h2"));
        assertThat(matching.unmatchedPods()).containsExactly("c (host ID other, 1 tokens from 30)");
        assertThat(matching.unmatchedBacked()).containsExactly("old-dc1-r1-10 (dc1/r1, host ID h3, 2 tokens from 30)");
        assertThat(matching.complete()).isFalse();
    }

    @Test
    void oneBackedUpNodeGoesToOneMemberOnly() {
        RestoreTargets.Matching matching = RestoreTargets.match(
                List.of(
                        new RestoreTargets.Member("a", "h1", List.of()),
                        new RestoreTargets.Member("b", null, List.of("10", "11"))),
                BACKUP.subList(1, 2));

        assertThat(matching.manifestByPod()).isEqualTo(Map.of("a", "m/h1"));
        assertThat(matching.unmatchedPods()).containsExactly("b (host ID null, 2 tokens from 10)");
        assertThat(matching.unmatchedBacked()).isEmpty();
    }
}
