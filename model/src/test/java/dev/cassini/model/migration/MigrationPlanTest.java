package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.ClientConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MigrationPlanTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final long MIB = 1L << 20;
    private static final ClientConnection CHECKOUT = new ClientConnection("10.8.0.7", "shop", "checkout");
    private static final ClientConnection OURS = new ClientConnection("10.9.0.1", "admin", "cassini-cli");

    /** legacy: 3 nodes, each holding 300 MiB of shop (RF 3, so one copy is 300 MiB) and 3 MiB of system_auth. */
    private static MigrationPlan.SurveyedNode node(int i, boolean up, List<ClientConnection> clients) {
        return new MigrationPlan.SurveyedNode(
                "10.0.0." + i,
                "legacy",
                "r" + i,
                "5.0.6",
                "v1",
                16,
                up,
                Map.of("shop", 300 * MIB, "system_auth", 3 * MIB),
                clients,
                OptionalLong.of(24 * MIB));
    }

    private static Map<String, Map<String, String>> keyspaces() {
        Map<String, Map<String, String>> keyspaces = new HashMap<>();
        keyspaces.put("shop", Map.of("class", NTS, "legacy", "3"));
        keyspaces.put("system_auth", Map.of("class", NTS, "legacy", "3"));
        keyspaces.put("system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));
        return keyspaces;
    }

    private static MigrationPlan.Survey survey(List<MigrationPlan.SurveyedNode> nodes) {
        return new MigrationPlan.Survey("10.0.0.1", "legacy", "GossipingPropertyFileSnitch", nodes, keyspaces());
    }

    private static MigrationPlan.Survey healthy() {
        return survey(List.of(node(1, true, List.of(OURS)), node(2, true, List.of()), node(3, true, List.of())));
    }

    private static MigrationPlan.Target target(int size, long storage) {
        return new MigrationPlan.Target(
                "legacy", "k8s", size, "legacy", OptionalLong.of(storage), Optional.of(3), Map.of(), "5.0.6");
    }

    @Test
    void eachKeyspaceStreamsOneCopyPerReplicaOfTheNewDatacenterSpreadOverItsNodes() {
        MigrationPlan.Result plan = MigrationPlan.of(healthy(), target(3, 10L << 30));

        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.keyspaces())
                .extracting(
                        MigrationPlan.KeyspaceMove::keyspace,
                        MigrationPlan.KeyspaceMove::oneCopyBytes,
                        MigrationPlan.KeyspaceMove::factor,
                        MigrationPlan.KeyspaceMove::bytesToStream)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop", 300 * MIB, 3, 900 * MIB),
                        org.assertj.core.groups.Tuple.tuple("system_auth", 3 * MIB, 3, 9 * MIB));
        assertThat(plan.bytesToStream()).isEqualTo(909 * MIB);
        assertThat(plan.bytesPerNewNode()).isEqualTo(303 * MIB);
        assertThat(plan.diskNeededPerNode()).isEqualTo(606 * MIB);
        // Three source nodes at 24 MiB/s each: 909 MiB take at least 13 s.
        assertThat(plan.streamCapBytesPerSecond()).hasValue(72 * MIB);
        assertThat(plan.secondsAtCap()).hasValue(13);
    }

    @Test
    void keyspacesTheJoinLeavesOutStreamNothingAndTheSystemOnesGetAtMostThree() {
        MigrationPlan.Target onlyAuth = new MigrationPlan.Target(
                "legacy", "k8s", 5, "legacy", OptionalLong.empty(), Optional.empty(), Map.of(), "5.0.6");
        MigrationPlan.Result plan = MigrationPlan.of(healthy(), onlyAuth);
        assertThat(plan.keyspaces())
                .extracting(MigrationPlan.KeyspaceMove::keyspace)
                .containsExactly("system_auth");
        assertThat(plan.keyspaces().get(0).factor()).isEqualTo(3);

        MigrationPlan.Target shopOut = new MigrationPlan.Target(
                "legacy", "k8s", 1, "legacy", OptionalLong.empty(), Optional.of(1), Map.of("shop", 0), "5.0.6");
        assertThat(MigrationPlan.of(healthy(), shopOut).keyspaces())
                .extracting(MigrationPlan.KeyspaceMove::keyspace, MigrationPlan.KeyspaceMove::factor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system_auth", 1));
    }

    @Test
    void aVolumeTooSmallForTheRebuildIsABlockerWithTheSizeToSet() {
        MigrationPlan.Result plan = MigrationPlan.of(healthy(), target(3, 512 * MIB));
        assertThat(plan.blockers())
                .singleElement()
                .asString()
                .contains("needs about " + 606 * MIB)
                .contains("set storage.size to at least " + 606 * MIB + " bytes");
    }

    @Test
    void theJoinPreflightsRefusalsAreBlockersToo() {
        Map<String, Map<String, String>> keyspaces = keyspaces();
        keyspaces.put(
                "scratch", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"));
        MigrationPlan.Survey survey = new MigrationPlan.Survey(
                "10.0.0.1",
                "Legacy Prod",
                "GossipingPropertyFileSnitch",
                healthy().nodes(),
                keyspaces);
        MigrationPlan.Target legacyAgain = new MigrationPlan.Target(
                "legacy", "legacy", 3, "legacy", OptionalLong.empty(), Optional.of(3), Map.of(), "5.0.6");

        List<String> blockers = MigrationPlan.of(survey, legacyAgain).blockers();

        assertThat(blockers).anyMatch(b -> b.contains("set spec.clusterName to 'Legacy Prod'"));
        assertThat(blockers).anyMatch(b -> b.contains("the ring already has a datacenter named legacy"));
        assertThat(blockers)
                .anyMatch(
                        b -> b.contains("keyspace scratch uses SimpleStrategy")
                                && b.contains(
                                        "ALTER KEYSPACE scratch WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 2}"));
    }

    @Test
    void aNodeDownASchemaDisagreementOrAnotherMajorVersionBlocks() {
        List<MigrationPlan.SurveyedNode> nodes = new ArrayList<>(healthy().nodes());
        nodes.set(2, node(3, false, null));
        MigrationPlan.SurveyedNode otherSchema = new MigrationPlan.SurveyedNode(
                "10.0.0.2", "legacy", "r2", "4.1.9", "v2", 16, true, Map.of(), List.of(), OptionalLong.empty());
        nodes.set(1, otherSchema);

        MigrationPlan.Result plan = MigrationPlan.of(survey(nodes), target(3, 10L << 30));

        assertThat(plan.blockers()).anyMatch(b -> b.startsWith("nodes are down: 10.0.0.3 (legacy)"));
        assertThat(plan.blockers()).anyMatch(b -> b.contains("disagree on the schema (2 versions)"));
        assertThat(plan.blockers()).anyMatch(b -> b.contains("4.1.9"));
        assertThat(plan.unreadableClients()).containsExactly("10.0.0.3");
        assertThat(plan.streamCapBytesPerSecond())
                .as("one source has no readable cap")
                .isEmpty();
        assertThat(plan.secondsAtCap()).isEmpty();
    }

    @Test
    void aSourceWithoutTheDataOrNotInTheRingBlocks() {
        Map<String, Map<String, String>> keyspaces = keyspaces();
        keyspaces.put("elsewhere", Map.of("class", NTS, "eu", "3"));
        MigrationPlan.Survey survey = new MigrationPlan.Survey(
                "10.0.0.1", "legacy", "snitch", healthy().nodes(), keyspaces);
        assertThat(MigrationPlan.of(survey, target(3, 10L << 30)).blockers())
                .singleElement()
                .asString()
                .startsWith("keyspace elsewhere has no replica in legacy")
                .contains("join.replication.keyspaces.elsewhere: 0");

        MigrationPlan.Target fromNowhere = new MigrationPlan.Target(
                "legacy", "k8s", 3, "eu", OptionalLong.empty(), Optional.of(3), Map.of(), "5.0.6");
        assertThat(MigrationPlan.of(healthy(), fromNowhere).blockers())
                .anyMatch(b -> b.startsWith("the ring has no datacenter eu to rebuild from"));
    }

    @Test
    void applicationsStillConnectedAreListedCassinisOwnSessionsAreNot() {
        List<MigrationPlan.SurveyedNode> nodes = List.of(
                node(1, true, List.of(OURS, CHECKOUT)), node(2, true, List.of(CHECKOUT)), node(3, true, List.of()));
        MigrationPlan.Result plan = MigrationPlan.of(survey(nodes), target(3, 10L << 30));
        assertThat(plan.clients()).extracting(MigrationPlan.Client::node).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(plan.blockers())
                .as("clients are for the leave, not the join")
                .isEmpty();
    }
}
