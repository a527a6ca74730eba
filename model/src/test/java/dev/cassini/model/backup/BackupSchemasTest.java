package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.BackupSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupSchemasTest {
    private static final List<BackupSchemas.Described> DESCRIBED = List.of(
            new BackupSchemas.Described("system_auth", "keyspace", "system_auth", "CREATE KEYSPACE system_auth ..."),
            new BackupSchemas.Described("shop", "keyspace", "shop", "CREATE KEYSPACE shop WITH ...;"),
            new BackupSchemas.Described("shop", "type", "address", "CREATE TYPE shop.address (street text);"),
            new BackupSchemas.Described(
                    "shop",
                    "table",
                    "orders",
                    "CREATE TABLE shop.orders (\n    id int PRIMARY KEY,\n    total bigint\n);"),
            new BackupSchemas.Described(
                    "shop", "index", "orders_total", "CREATE INDEX orders_total ON shop.orders (total);"),
            new BackupSchemas.Described("shop", "table", "carts", "CREATE TABLE shop.carts (id int PRIMARY KEY);"),
            new BackupSchemas.Described(
                    "shop", "index", "carts_id", "CREATE CUSTOM INDEX carts_id ON shop.carts (id) USING 'sai';"));

    private static final BackupSchema SCHEMA = BackupSchemas.capture(
            "nightly",
            DESCRIBED,
            List.of(
                    new BackupSchemas.KeyspaceRow(
                            "shop",
                            Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3"),
                            true),
                    new BackupSchemas.KeyspaceRow("system_auth", Map.of("class", "SimpleStrategy"), true)),
            List.of(
                    new BackupSchemas.ColumnRow("shop", "orders", "id-1", "id", "int"),
                    new BackupSchemas.ColumnRow("shop", "orders", "id-1", "total", "bigint"),
                    new BackupSchemas.ColumnRow("shop", "carts", "id-2", "id", "int"),
                    new BackupSchemas.ColumnRow("system_auth", "roles", "id-3", "role", "text")));

    @Test
    void captureKeepsUserKeyspacesWithTheirStatementsTablesAndColumns() {
        assertThat(SCHEMA.keyspaces()).extracting(BackupSchema.Keyspace::name).containsExactly("shop");
        BackupSchema.Keyspace shop = SCHEMA.keyspaces().get(0);
        assertThat(shop.statements())
                .extracting(BackupSchema.Statement::name)
                .containsExactly("address", "orders", "orders_total", "carts", "carts_id");
        assertThat(shop.statements().get(0).cql()).isEqualTo("CREATE TYPE shop.address (street text)");
        assertThat(shop.tables())
                .containsExactly(
                        new BackupSchema.Table("carts", "id-2", Map.of("id", "int")),
                        new BackupSchema.Table("orders", "id-1", Map.of("id", "int", "total", "bigint")));
    }

    @Test
    void aMissingKeyspaceIsCreatedWithItsDatacentersMappedAndEverythingInIt() {
        BackupSchemas.Changes changes = BackupSchemas.changes(
                SCHEMA, List.of("shop.orders"), Map.of(), Map.of("east", 3), Map.of("dc1", "east"));

        assertThat(changes.conflicts()).isEmpty();
        assertThat(changes.statements())
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class':"
                                + " 'org.apache.cassandra.locator.NetworkTopologyStrategy', 'east': '3'} AND"
                                + " durable_writes = true",
                        "CREATE TYPE IF NOT EXISTS shop.address (street text)",
                        "CREATE TABLE IF NOT EXISTS shop.orders (\n    id int PRIMARY KEY,\n    total bigint\n)",
                        "CREATE INDEX IF NOT EXISTS orders_total ON shop.orders (total)",
                        "CREATE TABLE IF NOT EXISTS shop.carts (id int PRIMARY KEY)",
                        "CREATE CUSTOM INDEX IF NOT EXISTS carts_id ON shop.carts (id) USING 'sai'");
    }

    @Test
    void aKeyspaceCreatedInASmallerDatacenterGetsNoMoreReplicasThanItHasNodes() {
        BackupSchemas.Changes changes = BackupSchemas.changes(
                SCHEMA, List.of("shop.orders"), Map.of(), Map.of("east", 1), Map.of("dc1", "east"));

        assertThat(changes.conflicts()).isEmpty();
        assertThat(changes.statements().get(0))
                .isEqualTo("CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class':"
                        + " 'org.apache.cassandra.locator.NetworkTopologyStrategy', 'east': '1'} AND"
                        + " durable_writes = true");
    }

    @Test
    void aDatacenterTheTargetLacksIsAConflictThatSaysHowToMapIt() {
        BackupSchemas.Changes changes =
                BackupSchemas.changes(SCHEMA, List.of("shop.orders"), Map.of(), Map.of("east", 3), Map.of());

        assertThat(changes.conflicts())
                .containsExactly("keyspace shop replicates to datacenter dc1, which this cluster does not have (it"
                        + " has east); map it to one of them with datacenterMapping");
    }

    @Test
    void aDroppedTableComesBackWithItsTypesAndIndexesOnly() {
        BackupSchemas.Changes changes = BackupSchemas.changes(
                SCHEMA,
                List.of("shop.orders", "shop.carts"),
                Map.of("shop", Map.of("carts", Map.of("id", "int"))),
                Map.of("dc1", 3),
                Map.of());

        assertThat(changes.conflicts()).isEmpty();
        assertThat(changes.statements())
                .containsExactly(
                        "CREATE TYPE IF NOT EXISTS shop.address (street text)",
                        "CREATE TABLE IF NOT EXISTS shop.orders (\n    id int PRIMARY KEY,\n    total bigint\n)",
                        "CREATE INDEX IF NOT EXISTS orders_total ON shop.orders (total)");
    }

    @Test
    void aTableWhoseColumnsDifferIsAConflictAndAnExtraColumnIsNot() {
        BackupSchemas.Changes changes = BackupSchemas.changes(
                SCHEMA,
                List.of("shop.orders", "shop.carts"),
                Map.of(
                        "shop",
                        Map.of(
                                "orders", Map.of("id", "int", "total", "text"),
                                "carts", Map.of("id", "int", "note", "text"))),
                Map.of("dc1", 3),
                Map.of());

        assertThat(changes.statements()).isEmpty();
        assertThat(changes.conflicts()).containsExactly("shop.orders.total is text here but bigint in the backup");
    }

    @Test
    void aColumnTheTargetDroppedIsAConflict() {
        BackupSchemas.Changes changes = BackupSchemas.changes(
                SCHEMA,
                List.of("shop.orders"),
                Map.of("shop", Map.of("orders", Map.of("id", "int"))),
                Map.of("dc1", 3),
                Map.of());

        assertThat(changes.conflicts())
                .containsExactly("shop.orders has no column total (bigint) that the backup's files hold");
    }

    @Test
    void tablesOutsideTheBackupsSchemaAreLeftAsTheyAre() {
        BackupSchemas.Changes changes =
                BackupSchemas.changes(SCHEMA, List.of("system_auth.roles"), Map.of(), Map.of("dc1", 3), Map.of());

        assertThat(changes.statements()).isEmpty();
        assertThat(changes.conflicts()).isEmpty();
    }

    @Test
    void statementsThatAlreadySayIfNotExistsAreKept() {
        assertThat(BackupSchemas.ifNotExists("CREATE TABLE IF NOT EXISTS a.b (k int PRIMARY KEY)"))
                .isEqualTo("CREATE TABLE IF NOT EXISTS a.b (k int PRIMARY KEY)");
        assertThat(BackupSchemas.ifNotExists("CREATE MATERIALIZED VIEW a.v AS SELECT"))
                .isEqualTo("CREATE MATERIALIZED VIEW IF NOT EXISTS a.v AS SELECT");
    }
}
