package dev.cassini.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
    @TempDir
    Path data;

    private void write(String relative) throws Exception {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
    }

    @Test
    void listsTheTaggedSnapshotOfEveryTableWithoutCassandrasOwnManifest() throws Exception {
        write("shop/orders-6f1c/snapshots/cassini-b1/nb-1-big-Data.db");
        write("shop/orders-6f1c/snapshots/cassini-b1/schema.cql");
        write("shop/orders-6f1c/snapshots/cassini-b1/manifest.json");
        write("shop/orders-6f1c/snapshots/other/nb-1-big-Data.db");
        write("shop/orders-6f1c/nb-2-big-Data.db");
        write("shop/my_carts-a1b2/snapshots/cassini-b1/nb-3-big-Data.db");

        assertThat(SnapshotFiles.list(data, "cassini-b1"))
                .extracting(f -> f.keyspace() + "." + f.table() + "@" + f.tableId() + "/"
                        + f.path().getFileName())
                .containsExactly(
                        "shop.my_carts@a1b2/nb-3-big-Data.db",
                        "shop.orders@6f1c/nb-1-big-Data.db",
                        "shop.orders@6f1c/schema.cql");
    }

    @Test
    void aDataDirectoryThatDoesNotExistHoldsNoSnapshot() throws Exception {
        assertThat(SnapshotFiles.list(data.resolve("absent"), "cassini-b1")).isEmpty();
    }
}
