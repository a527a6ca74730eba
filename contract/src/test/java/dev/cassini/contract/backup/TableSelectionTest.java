package dev.cassini.contract.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSelectionTest {
    private static final String DIGEST = "a".repeat(64);

    private static BackupFile file(String keyspace, String table, String name) {
        return new BackupFile(keyspace, table, "0123", name, 10, DIGEST);
    }

    private static final NodeManifest MANIFEST = new NodeManifest(
            NodeManifest.FORMAT,
            "nightly",
            "demo",
            "dc1",
            "r1",
            "host",
            "demo-dc1-r1-0",
            "5.0.6",
            List.of("1"),
            Instant.EPOCH,
            Instant.EPOCH,
            List.of(
                    file("shop", "orders", "nb-1-big-Data.db"),
                    file("shop", "orders", "schema.cql"),
                    file("shop", "carts", "nb-2-big-Data.db"),
                    file("shop", "wishes", "schema.cql"),
                    file("system_auth", "roles", "nb-3-big-Data.db"),
                    file("system_schema", "tables", "nb-4-big-Data.db"),
                    file("audit", "events", "nb-5-big-Data.db")));

    @Test
    void nothingNamedMeansEveryUserKeyspaceAndNoSnapshotSchema() {
        TableSelection all = new TableSelection(null, null);

        assertThat(all.filesOf(MANIFEST))
                .extracting(BackupFile::relativePath)
                .containsExactly(
                        "shop/orders-0123/nb-1-big-Data.db",
                        "shop/carts-0123/nb-2-big-Data.db",
                        "audit/events-0123/nb-5-big-Data.db");
        assertThat(all.tablesOf(MANIFEST))
                .as("an empty table has only its schema in a snapshot, and a restore empties it")
                .containsExactly("shop.orders", "shop.carts", "shop.wishes", "audit.events");
    }

    @Test
    void aSystemKeyspaceIsRestoredOnlyWhenNamed() {
        TableSelection auth = new TableSelection(List.of("system_auth"), List.of());

        assertThat(auth.tablesOf(MANIFEST)).containsExactly("system_auth.roles");
    }

    @Test
    void keyspacesAndTablesAddUp() {
        TableSelection some = new TableSelection(List.of("audit"), List.of("shop.carts"));

        assertThat(some.tablesOf(MANIFEST)).containsExactly("shop.carts", "audit.events");
        assertThat(some.includes("shop", "orders")).isFalse();
    }

    @Test
    void namesTheManifestDoesNotHoldAreReported() {
        TableSelection some = new TableSelection(List.of("billing"), List.of("shop.orders", "shop.refunds"));

        assertThat(some.missingFrom(MANIFEST)).containsExactly("billing", "shop.refunds");
    }

    @Test
    void aTableNameWithoutItsKeyspaceIsRefused() {
        assertThatThrownBy(() -> new TableSelection(List.of(), List.of("orders")))
                .hasMessageContaining("keyspace.table");
        assertThatThrownBy(() -> new TableSelection(List.of(), List.of("shop.")))
                .hasMessageContaining("keyspace.table");
    }
}
