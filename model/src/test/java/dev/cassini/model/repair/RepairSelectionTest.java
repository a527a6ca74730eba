package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairSelectionTest {
    private static final Map<String, List<String>> SCHEMA = Map.of(
            "shop", List.of("orders", "carts"),
            "audit", List.of("log"),
            "system_auth", List.of("roles"),
            "system", List.of("local"));
    private static final Map<String, String> NTS = Map.of("class", "NetworkTopologyStrategy", "dc1", "3");
    private static final Map<String, Map<String, String>> REPLICATION =
            Map.of("shop", NTS, "audit", NTS, "system_auth", NTS, "system", Map.of("class", "LocalStrategy"));
    private static final Map<String, Long> SIZES = Map.of("shop.orders", 900L, "shop.carts", 10L, "audit.log", 50L);

    @Test
    void everythingMeansEveryNonSystemTableSmallestFirst() {
        RepairSelection.Result r =
                RepairSelection.select(List.of(), List.of(), List.of(), SCHEMA, REPLICATION, SIZES, Set.of("dc1"));
        assertThat(r.refusal()).isEmpty();
        assertThat(r.tables().stream().map(RepairSelection.Table::name))
                .containsExactly("shop.carts", "audit.log", "shop.orders");
        assertThat(r.replication()).containsOnlyKeys("shop", "audit");
    }

    @Test
    void keyspacesAndTablesAddUpAndASystemKeyspaceCanBeAskedForByName() {
        RepairSelection.Result r = RepairSelection.select(
                List.of("system_auth"), List.of("shop.orders"), List.of(), SCHEMA, REPLICATION, SIZES, Set.of("dc1"));
        assertThat(r.tables().stream().map(RepairSelection.Table::name))
                .containsExactly("system_auth.roles", "shop.orders");
    }

    @Test
    void whatDoesNotExistIsRefusedWithWhatToFix() {
        assertThat(RepairSelection.select(
                                List.of("nope"), List.of(), List.of(), SCHEMA, REPLICATION, SIZES, Set.of("dc1"))
                        .refusal())
                .hasValueSatisfying(m -> assertThat(m).contains("keyspace nope does not exist; fix spec.keyspaces"));
        assertThat(RepairSelection.select(
                                List.of(), List.of("shop.nope"), List.of(), SCHEMA, REPLICATION, SIZES, Set.of("dc1"))
                        .refusal())
                .hasValueSatisfying(m -> assertThat(m).contains("table shop.nope does not exist"));
        assertThat(RepairSelection.select(
                                List.of(), List.of(), List.of("dc9"), SCHEMA, REPLICATION, SIZES, Set.of("dc1"))
                        .refusal())
                .hasValueSatisfying(m -> assertThat(m).contains("datacenter dc9 is not one of the cluster's (dc1)"));
    }

    @Test
    void aKeyspaceReplicatedOutsideTheManagedDatacentersNeedsDatacentersSet() {
        Map<String, Map<String, String>> two =
                Map.of("shop", Map.of("class", "NetworkTopologyStrategy", "dc1", "3", "vm", "3"), "audit", NTS);
        RepairSelection.Result refused =
                RepairSelection.select(List.of("shop"), List.of(), List.of(), SCHEMA, two, SIZES, Set.of("dc1"));
        assertThat(refused.refusal())
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("keyspace shop has replicas in datacenter vm, which this cluster does not manage")
                        .contains("set spec.datacenters"));
        assertThat(RepairSelection.select(List.of("shop"), List.of(), List.of("dc1"), SCHEMA, two, SIZES, Set.of("dc1"))
                        .refusal())
                .isEmpty();
    }
}
