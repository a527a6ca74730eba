package dev.cassini.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records read back as written, and the wire keeps the forms the agent API documents. */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    @Test
    void nodeReportRoundTrips() throws Exception {
        NodeReport report = new NodeReport(
                NodeState.NORMAL,
                ProcessState.RUNNING,
                42L,
                Instant.parse("2026-12-01T10:00:00Z"),
                new ExitRecord(Instant.parse("2026-12-01T09:00:00Z"), 143, true, "stopped on request", List.of("bye")),
                "127.0.1.1",
                "dc1",
                "r1",
                "6f1c",
                List.of("-9223372036854775808", "0"),
                "1.2 MiB",
                "v1",
                "5.0.6",
                true,
                true,
                new DataDisk(1024L, 2048L, 4096L),
                List.of("10.0.0.7"),
                Instant.parse("2026-12-01T10:01:10Z"),
                List.of(
                        new ClientConnection("10.0.0.7", "shop", "checkout"),
                        new ClientConnection("10.0.0.8", null, null)),
                3,
                5_000_000_000L);
        String json = JSON.writeValueAsString(report);
        assertThat(json)
                .contains("\"state\":\"NORMAL\"", "\"process\":\"RUNNING\"", "\"startedAt\":\"2026-12-01T10:00:00Z\"")
                .contains("\"pendingCompactions\":3", "\"repairBytesSent\":5000000000");
        assertThat(JSON.readValue(json, NodeReport.class)).isEqualTo(report);
    }

    @Test
    void aStateThisContractDoesNotKnowReadsAsUnknown() throws Exception {
        NodeReport report = JSON.readValue("{\"state\":\"HIBERNATING\",\"joined\":false}", NodeReport.class);
        assertThat(report.state()).isEqualTo(NodeState.UNKNOWN);
        assertThat(NodeState.ofCassandraMode("HIBERNATING")).isEqualTo(NodeState.UNKNOWN);
        assertThat(NodeState.ofCassandraMode(null)).isEqualTo(NodeState.UNKNOWN);
        assertThat(NodeState.ofCassandraMode("DECOMMISSIONED")).isEqualTo(NodeState.DECOMMISSIONED);
    }

    @Test
    void startRequestLeavesOutWhatIsNotSetAndCarriesTokensAsStrings() throws Exception {
        assertThat(JSON.writeValueAsString(new StartRequest(null, List.of(), true, null)))
                .isEqualTo("{\"autoBootstrap\":true}");
        StartRequest full =
                new StartRequest("127.0.0.9", StartRequest.tokenStrings(List.of(Long.MIN_VALUE, 7L)), false, 3);
        String json = JSON.writeValueAsString(full);
        assertThat(json).contains("\"initialTokens\":[\"-9223372036854775808\",\"7\"]");
        assertThat(JSON.readValue(json, StartRequest.class)).isEqualTo(full);
    }

    @Test
    void repairRequestLeavesOutWhatIsNotSetAndCarriesTokensAsStrings() throws Exception {
        assertThat(JSON.writeValueAsString(new RepairRequest("r1", "s0", "shop", null, null, null, null, null, null)))
                .isEqualTo("{\"repairId\":\"r1\",\"segment\":\"s0\",\"keyspace\":\"shop\"}");
        RepairRequest full = new RepairRequest(
                "r1",
                "s0",
                "shop",
                List.of("orders"),
                List.of(
                        new TokenRange(Long.toString(Long.MIN_VALUE), "-9223372036854775000"),
                        new TokenRange("9223372036854775000", Long.toString(Long.MIN_VALUE))),
                List.of("dc1"),
                RepairParallelism.DATACENTER_AWARE,
                false,
                3600L);
        String json = JSON.writeValueAsString(full);
        assertThat(json)
                .contains("\"ranges\":[{\"start\":\"-9223372036854775808\",\"end\":\"-9223372036854775000\"},"
                        + "{\"start\":\"9223372036854775000\",\"end\":\"-9223372036854775808\"}]")
                .contains("\"parallelism\":\"DATACENTER_AWARE\"", "\"incremental\":false", "\"timeoutSeconds\":3600");
        assertThat(JSON.readValue(json, RepairRequest.class)).isEqualTo(full);
        assertThat(full.ranges().get(1).asRepairOption()).isEqualTo("9223372036854775000:-9223372036854775808");
    }

    @Test
    void maintenanceRequestsLeaveOutWhatIsNotSetAndRoundTrip() throws Exception {
        assertThat(JSON.writeValueAsString(TablesRequest.ALL)).isEqualTo("{}");
        assertThat(JSON.writeValueAsString(ClearSnapshotRequest.ALL)).isEqualTo("{}");
        assertThat(JSON.writeValueAsString(new UpgradeSSTablesRequest("shop", null, false)))
                .isEqualTo("{\"keyspace\":\"shop\",\"all\":false}");
        assertThat(JSON.writeValueAsString(new ScrubRequest(null, null, null, true, null, null)))
                .isEqualTo("{\"skipCorrupted\":true}");

        TablesRequest tables = new TablesRequest("shop", List.of("orders", "carts"));
        assertThat(JSON.writeValueAsString(tables))
                .isEqualTo("{\"keyspace\":\"shop\",\"tables\":[\"orders\",\"carts\"]}");
        assertThat(JSON.readValue(JSON.writeValueAsString(tables), TablesRequest.class))
                .isEqualTo(tables);
        UpgradeSSTablesRequest upgrade = new UpgradeSSTablesRequest("shop", List.of("orders"), true);
        assertThat(JSON.readValue(JSON.writeValueAsString(upgrade), UpgradeSSTablesRequest.class))
                .isEqualTo(upgrade);
        ScrubRequest scrub = new ScrubRequest("shop", List.of("orders"), true, true, false, true);
        assertThat(JSON.writeValueAsString(scrub))
                .contains(
                        "\"disableSnapshot\":true",
                        "\"skipCorrupted\":true",
                        "\"checkData\":false",
                        "\"reinsertOverflowedTTL\":true");
        assertThat(JSON.readValue(JSON.writeValueAsString(scrub), ScrubRequest.class))
                .isEqualTo(scrub);
        ClearSnapshotRequest clear = new ClearSnapshotRequest("pre-upgrade", List.of("shop", "auth"));
        assertThat(JSON.writeValueAsString(clear))
                .isEqualTo("{\"tag\":\"pre-upgrade\",\"keyspaces\":[\"shop\",\"auth\"]}");
        assertThat(JSON.readValue(JSON.writeValueAsString(clear), ClearSnapshotRequest.class))
                .isEqualTo(clear);
    }

    @Test
    void maintenanceOperationsAreJobsUnderOperations() {
        assertThat(AgentRoutes.OPERATIONS)
                .contains("compact", "upgradesstables", "scrub", "garbagecollect", "clearsnapshot")
                .doesNotHaveDuplicates();
        assertThat(AgentRoutes.operation(AgentRoutes.UPGRADESSTABLES)).isEqualTo("/api/v1/operations/upgradesstables");
        assertThat(AgentRoutes.operation(AgentRoutes.CLEARSNAPSHOT)).isEqualTo("/api/v1/operations/clearsnapshot");
    }

    @Test
    void seedListPutCarriesOnlyTheSeeds() throws Exception {
        assertThat(JSON.writeValueAsString(SeedList.of(List.of("127.0.0.1")))).isEqualTo("{\"seeds\":[\"127.0.0.1\"]}");
        assertThat(JSON.readValue("{\"seeds\":[\"a\"],\"active\":[\"b\"]}", SeedList.class))
                .isEqualTo(new SeedList(List.of("a"), List.of("b")));
    }

    @Test
    void jobViewRoundTrips() throws Exception {
        JobView job = new JobView(
                "j1",
                AgentRoutes.CLEANUP,
                Map.of("keyspace", "shop"),
                JobState.RUNNING,
                "2 of 3 keyspaces",
                Instant.parse("2026-12-01T10:00:00Z"),
                null,
                null,
                null,
                Map.of(BackupRequest.UPLOADED_BYTES, 5_000_000_000L));
        assertThat(JSON.readValue(JSON.writeValueAsString(new JobList(List.of(job))), JobList.class)
                        .jobs())
                .containsExactly(job);
    }

    @Test
    void ringEndpointSpeaksNodetool() {
        assertThat(new RingEndpoint("a", "dc1", "r1", "h", RingEndpoint.UP, NodeState.NORMAL, "1 KiB", 16).statusCode())
                .isEqualTo("UN");
        assertThat(new RingEndpoint("a", "dc1", "r1", "h", RingEndpoint.DOWN, NodeState.LEAVING, "1 KiB", 16)
                        .statusCode())
                .isEqualTo("DL");
    }

    @Test
    void statesThatResolveByThemselvesAreTransitioningAndOnlyStoppedNodesAreIdle() {
        assertThat(List.of(NodeState.values()).stream().filter(NodeState::idle))
                .containsExactlyInAnyOrder(NodeState.NOT_STARTED, NodeState.STOPPED);
        assertThat(List.of(NodeState.values()).stream().filter(NodeState::transitioning))
                .containsExactlyInAnyOrder(
                        NodeState.STARTING,
                        NodeState.JOINING,
                        NodeState.STOPPING,
                        NodeState.DRAINING,
                        NodeState.LEAVING,
                        NodeState.MOVING);
        assertThat(NodeState.UNKNOWN.idle() || NodeState.UNKNOWN.transitioning())
                .isFalse();
    }

    @Test
    void theDefaultVersionIsSupported() {
        assertThat(CassandraVersions.supported(CassandraVersions.DEFAULT)).isTrue();
        assertThat(CassandraVersions.supported("4.1.0")).isFalse();
    }
}
