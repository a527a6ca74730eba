package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.BackupSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyspaceMappingTest {
    private static final KeyspaceMapping SHOP_TO_COPY = new KeyspaceMapping(Map.of("shop", "shop_copy"));

    @Test
    void aMappedKeyspaceAndItsTablesTakeTheNewNameAndOthersKeepTheirs() {
        assertThat(SHOP_TO_COPY.keyspace("shop")).isEqualTo("shop_copy");
        assertThat(SHOP_TO_COPY.keyspace("audit")).isEqualTo("audit");
        assertThat(SHOP_TO_COPY.tables(List.of("shop.orders", "audit.log")))
                .containsExactly("shop_copy.orders", "audit.log");
    }

    @Test
    void onlyAMappingToAnotherNameRenamesAnything() {
        assertThat(SHOP_TO_COPY.renamesAny()).isTrue();
        assertThat(new KeyspaceMapping(Map.of("shop", "shop")).renamesAny()).isFalse();
        assertThat(new KeyspaceMapping(null).renamesAny()).isFalse();
        assertThat(KeyspaceMapping.NONE.table("shop.orders")).isEqualTo("shop.orders");
    }

    @Test
    void aMappedKeyspaceNoRestoredTableIsInIsReportedUnused() {
        KeyspaceMapping mapping = new KeyspaceMapping(Map.of("shop", "shop_copy", "shopping", "x"));

        assertThat(mapping.unused(List.of("shop.orders", "audit.log"))).containsExactly("shopping");
    }

    @Test
    void qualifiedNamesInStatementsAreRenamedButNotTextInQuotesOrLongerNames() {
        assertThat(KeyspaceMapping.renamed(
                        "CREATE TABLE shop.orders (id int PRIMARY KEY, a frozen<shop.address>, s set<shop.tag>)"
                                + " WITH comment = 'copied from shop.orders'",
                        "shop",
                        "shop_copy"))
                .isEqualTo("CREATE TABLE shop_copy.orders (id int PRIMARY KEY, a frozen<shop_copy.address>,"
                        + " s set<shop_copy.tag>) WITH comment = 'copied from shop.orders'");
        assertThat(KeyspaceMapping.renamed("CREATE INDEX i ON myshop.orders (v)", "shop", "x"))
                .isEqualTo("CREATE INDEX i ON myshop.orders (v)");
        assertThat(KeyspaceMapping.renamed(
                        "CREATE INDEX i ON shop.orders (v) WITH OPTIONS = {'a': 'it''s shop.x'}", "shop", "x"))
                .isEqualTo("CREATE INDEX i ON x.orders (v) WITH OPTIONS = {'a': 'it''s shop.x'}");
    }

    @Test
    void namesThatNeedQuotesAreMatchedAndWrittenQuoted() {
        assertThat(KeyspaceMapping.renamed("CREATE TABLE \"Shop\".orders (id int PRIMARY KEY)", "Shop", "Copy2"))
                .isEqualTo("CREATE TABLE \"Copy2\".orders (id int PRIMARY KEY)");
        assertThat(KeyspaceMapping.renamed("CREATE TABLE shop.orders (id int PRIMARY KEY)", "Shop", "x"))
                .isEqualTo("CREATE TABLE shop.orders (id int PRIMARY KEY)");
    }

    @Test
    void theSchemaOfAMappedKeyspaceIsCreatedUnderTheNewNameWithItsColumnsAndReplication() {
        BackupSchema backedUp = new BackupSchema(
                1,
                "nightly",
                List.of(
                        new BackupSchema.Keyspace(
                                "shop",
                                Map.of("class", "SimpleStrategy", "replication_factor", "3"),
                                true,
                                List.of(
                                        new BackupSchema.Statement(
                                                "type", "address", "CREATE TYPE shop.address (street text)"),
                                        new BackupSchema.Statement(
                                                "table",
                                                "orders",
                                                "CREATE TABLE shop.orders (id int PRIMARY KEY, a frozen<address>)")),
                                List.of(new BackupSchema.Table("orders", "id-1", Map.of("id", "int")))),
                        new BackupSchema.Keyspace(
                                "audit", Map.of("class", "SimpleStrategy"), false, List.of(), List.of())));

        BackupSchema renamed = SHOP_TO_COPY.schema(backedUp);

        assertThat(renamed.keyspaces()).extracting(BackupSchema.Keyspace::name).containsExactly("shop_copy", "audit");
        BackupSchema.Keyspace copy = renamed.keyspaces().get(0);
        assertThat(copy.statements())
                .extracting(BackupSchema.Statement::cql)
                .containsExactly(
                        "CREATE TYPE shop_copy.address (street text)",
                        "CREATE TABLE shop_copy.orders (id int PRIMARY KEY, a frozen<address>)");
        assertThat(copy.replication()).isEqualTo(backedUp.keyspaces().get(0).replication());
        assertThat(copy.tables()).isEqualTo(backedUp.keyspaces().get(0).tables());
        assertThat(renamed.keyspaces().get(1)).isSameAs(backedUp.keyspaces().get(1));
        assertThat(KeyspaceMapping.NONE.schema(backedUp)).isSameAs(backedUp);

        BackupSchemas.Changes changes = BackupSchemas.changes(
                renamed, SHOP_TO_COPY.tables(List.of("shop.orders")), Map.of(), Map.of("dc1", 3), Map.of());
        assertThat(changes.statements())
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS shop_copy WITH replication = {'class': 'SimpleStrategy',"
                                + " 'replication_factor': '3'} AND durable_writes = true",
                        "CREATE TYPE IF NOT EXISTS shop_copy.address (street text)",
                        "CREATE TABLE IF NOT EXISTS shop_copy.orders (id int PRIMARY KEY, a frozen<address>)");
    }
}
