package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraTaskSpec;
import dev.cassini.api.v1alpha1.MaintenanceCommand;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.RebuildRequest;
import dev.cassini.contract.TablesRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a task asks each node's agent for: the operation and its request. */
class CassandraTaskRequestTest {
    private static CassandraTaskSpec spec(MaintenanceCommand command) {
        CassandraTaskSpec spec = new CassandraTaskSpec();
        spec.setCluster("demo");
        spec.setCommand(command);
        return spec;
    }

    @Test
    void aRebuildStreamsFromItsSourceEveryKeyspaceOrTheOneNamed() {
        CassandraTaskSpec spec = spec(MaintenanceCommand.Rebuild);
        spec.setSourceDatacenter("dc2");
        assertThat(CassandraTaskReconciler.operation(spec)).isEqualTo(AgentRoutes.REBUILD);
        assertThat(CassandraTaskReconciler.request(spec)).isEqualTo(new RebuildRequest("dc2", null));

        spec.setKeyspaces(List.of("shop"));
        assertThat(CassandraTaskReconciler.request(spec)).isEqualTo(new RebuildRequest("dc2", "shop"));
    }

    @Test
    void tablesNameTheirKeyspaceWhenNoKeyspaceIsGiven() {
        CassandraTaskSpec spec = spec(MaintenanceCommand.Compact);
        spec.setTables(List.of("shop.orders", "shop.carts"));
        assertThat(CassandraTaskReconciler.request(spec))
                .isEqualTo(new TablesRequest("shop", List.of("orders", "carts")));
    }
}
