package dev.cassini.model.repair;

import static dev.cassini.model.ring.Rings.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairSegmentsTest {
    private static final Replication RF3 = new Replication(Map.of("dc1", 3));

    /** Three nodes in three racks, {@code perNode} evenly interleaved tokens each. */
    private static TokenRing ring(String dc, int nodes, int perNode, int offset) {
        List<TokenRing.Node> list = new ArrayList<>();
        long step =
                (long) (TokenSpan.WHOLE_RING.width().divide(BigInteger.valueOf((long) nodes * perNode))).longValue();
        for (int n = 0; n < nodes; n++) {
            long[] tokens = new long[perNode];
            for (int t = 0; t < perNode; t++) {
                tokens[t] = Long.MIN_VALUE + 1 + offset + step * ((long) t * nodes + n);
            }
            list.add(node(dc + "-r" + (n + 1), dc, "r" + (n + 1), tokens));
        }
        return TokenRing.of(list);
    }

    @Test
    void segmentsCoverTheRingExactlyOnce() {
        TokenRing ring = ring("dc1", 3, 16, 0);
        List<RepairSegment> segments = RepairSegments.of(ring, RF3, Set.of(), 16);
        TokenSpans all = TokenSpans.NONE;
        BigInteger sum = BigInteger.ZERO;
        for (RepairSegment s : segments) {
            for (TokenSpan span : s.spans()) {
                assertThat(all.missingFrom(span)).containsExactly(span); // no overlap with earlier ones
                sum = sum.add(span.width());
            }
            all = all.plus(s.spans());
        }
        assertThat(all.spans()).containsExactly(TokenSpan.WHOLE_RING);
        assertThat(sum).isEqualTo(TokenSpan.WHOLE_RING.width());
    }

    @Test
    void aSmallTableIsCutIntoASegmentPerMinimumSizeAndALargeOneAsAsked() {
        long mib = 1L << 20;
        long min = 128 * mib;
        assertThat(RepairSegments.segmentsPerNodeFor(null, 16, min)).isEqualTo(16);
        assertThat(RepairSegments.segmentsPerNodeFor(0L, 16, min)).isEqualTo(1);
        assertThat(RepairSegments.segmentsPerNodeFor(5 * mib, 16, min)).isEqualTo(1);
        assertThat(RepairSegments.segmentsPerNodeFor(128 * mib, 16, min)).isEqualTo(1);
        assertThat(RepairSegments.segmentsPerNodeFor(128 * mib + 1, 16, min)).isEqualTo(2);
        assertThat(RepairSegments.segmentsPerNodeFor(200 * mib, 16, min)).isEqualTo(2);
        assertThat(RepairSegments.segmentsPerNodeFor(2048 * mib, 16, min)).isEqualTo(16);
        assertThat(RepairSegments.segmentsPerNodeFor(2048 * mib, 64, min)).isEqualTo(16);
        assertThat(RepairSegments.segmentsPerNodeFor(1L << 50, 1024, min)).isEqualTo(1024);
        assertThat(RepairSegments.segmentsPerNodeFor(5 * mib, 16, 0))
                .as("0: as asked")
                .isEqualTo(16);
        // A small table's ring: 3 nodes of 16 vnodes, 1 segment per node, every range packed into 3-4 sessions.
        assertThat(RepairSegments.of(ring("dc1", 3, 16, 0), RF3, Set.of(), 1)).hasSizeBetween(3, 4);
    }

    @Test
    void rangesWithTheSameReplicasArePackedUpToTheTargetSize() {
        // RF 3 on 3 nodes: every range has all three nodes; 48 vnode ranges become about 3 × 4 segments.
        TokenRing ring = ring("dc1", 3, 16, 0);
        List<RepairSegment> segments = RepairSegments.of(ring, RF3, Set.of(), 4);
        assertThat(segments).hasSizeBetween(12, 13); // packing: 48 ranges, 12-13 sessions
        assertThat(segments)
                .allSatisfy(s ->
                        assertThat(Set.copyOf(s.replicas())).containsExactlyInAnyOrder("dc1-r1", "dc1-r2", "dc1-r3"));
        // the coordinators rotate: each segment's first range decides it
        assertThat(segments.stream().map(RepairSegment::coordinator).distinct())
                .containsExactlyInAnyOrder("dc1-r1", "dc1-r2", "dc1-r3");
    }

    @Test
    void largeRangesAreSplitToTheTargetSize() {
        TokenRing ring = ring("dc1", 3, 1, 0);
        List<RepairSegment> segments = RepairSegments.of(ring, RF3, Set.of(), 64);
        assertThat(segments).hasSizeBetween(192, 195);
        BigInteger target = TokenSpan.WHOLE_RING.width().divide(BigInteger.valueOf(192));
        assertThat(segments)
                .allSatisfy(s -> assertThat(
                                s.spans().stream().map(TokenSpan::width).reduce(BigInteger.ZERO, BigInteger::add))
                        .isLessThanOrEqualTo(target.add(BigInteger.TWO)));
    }

    @Test
    void theCoordinatorIsAReplicaAndEverySpanLiesInOneRangeOfTheRing() {
        TokenRing ring = ring("dc1", 5, 4, 3);
        Replication rf2 = new Replication(Map.of("dc1", 2));
        for (RepairSegment s : RepairSegments.of(ring, rf2, Set.of(), 8)) {
            assertThat(s.replicas()).hasSize(2).contains(s.coordinator());
            for (TokenSpan span : s.spans()) {
                // the replicas of the span's last token are the segment's: no span crosses a token
                assertThat(ring.replicas(span.end(), rf2).stream().map(TokenRing.Node::id))
                        .containsExactlyElementsOf(s.replicas());
                assertThat(ring.replicas(span.start() + 1, rf2).stream().map(TokenRing.Node::id))
                        .containsExactlyElementsOf(s.replicas());
            }
        }
    }

    @Test
    void withRf2OnSixNodesSegmentsOfDisjointReplicaSetsExist() {
        TokenRing ring = ring("dc1", 6, 4, 0);
        Replication rf2 = new Replication(Map.of("dc1", 2));
        List<RepairSegment> segments = RepairSegments.of(ring, rf2, Set.of(), 4);
        Set<Set<String>> sets = new HashSet<>();
        segments.forEach(s -> sets.add(Set.copyOf(s.replicas())));
        assertThat(sets).contains(Set.of("dc1-r1", "dc1-r2"), Set.of("dc1-r3", "dc1-r4"), Set.of("dc1-r5", "dc1-r6"));
    }

    @Test
    void onlyTheDatacentersAskedForTakePartAndSingleReplicaRangesAreLeftOut() {
        List<TokenRing.Node> nodes = new ArrayList<>(ring("east", 3, 4, 0).nodes());
        nodes.addAll(ring("west", 3, 4, 11).nodes());
        TokenRing ring = TokenRing.of(nodes);
        Replication both = new Replication(Map.of("east", 3, "west", 3));
        List<RepairSegment> east = RepairSegments.of(ring, both, Set.of("east"), 4);
        assertThat(east).isNotEmpty().allSatisfy(s -> assertThat(s.replicas()).allMatch(p -> p.startsWith("east")));
        assertThat(RepairSegments.of(ring, both, Set.of(), 4))
                .allSatisfy(s -> assertThat(s.replicas()).hasSize(6));
        Replication eastOnly1 = new Replication(Map.of("east", 1, "west", 3));
        assertThat(RepairSegments.of(ring, eastOnly1, Set.of("east"), 4)).isEmpty();
    }

    @Test
    void incrementalHasOneSegmentPerNodeCoveringTheRingOnce() {
        TokenRing ring = ring("dc1", 3, 16, 0);
        List<RepairSegment> segments = RepairSegments.perNode(ring, RF3, Set.of());
        assertThat(segments).hasSize(3);
        assertThat(segments.stream().map(RepairSegment::coordinator))
                .containsExactlyInAnyOrder("dc1-r1", "dc1-r2", "dc1-r3");
        TokenSpans all = TokenSpans.NONE;
        for (RepairSegment s : segments) {
            all = all.plus(s.spans());
        }
        assertThat(all.spans()).containsExactly(TokenSpan.WHOLE_RING);
    }
}
