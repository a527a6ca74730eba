package dev.cassini.contract.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests and index entries read back as written, also by a reader of a later format. */
class ManifestWireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final BackupFile DATA = new BackupFile(
            "shop", "orders", "5a1c0d9e7f6b11efa1b2c3d4e5f60718", "nb-3-big-Data.db", 1_048_576, "1".repeat(64));
    private static final BackupFile INDEX = new BackupFile(
            "shop", "orders", "5a1c0d9e7f6b11efa1b2c3d4e5f60718", "nb-3-big-Index.db", 4096, "2".repeat(64));

    @Test
    void aNodeManifestRoundTripsAndKnowsItsSize() throws Exception {
        NodeManifest manifest = new NodeManifest(
                NodeManifest.FORMAT,
                "nightly-1",
                "demo",
                "dc1",
                "r1",
                "6f1c0000-0000-0000-0000-000000000001",
                "demo-dc1-r1-0",
                "5.0.6",
                List.of("-9223372036854775808", "3074457345618258602"),
                Instant.parse("2026-12-01T02:00:00Z"),
                Instant.parse("2026-12-01T02:01:10Z"),
                List.of(DATA, INDEX));

        String json = JSON.writeValueAsString(manifest);

        assertThat(JSON.readValue(json, NodeManifest.class)).isEqualTo(manifest);
        assertThat(json).contains("\"tokens\":[\"-9223372036854775808\",\"3074457345618258602\"]");
        assertThat(manifest.totalBytes()).isEqualTo(1_048_576 + 4096);
        assertThat(DATA.relativePath()).isEqualTo("shop/orders-5a1c0d9e7f6b11efa1b2c3d4e5f60718/nb-3-big-Data.db");
    }

    @Test
    void anIndexEntryRoundTripsAndALaterFormatsExtraFieldsAreIgnored() throws Exception {
        BackupIndex index = new BackupIndex(
                NodeManifest.FORMAT,
                "nightly-1",
                "demo",
                Instant.parse("2026-12-01T02:00:00Z"),
                Instant.parse("2026-12-01T02:01:12Z"),
                List.of(new BackupIndex.Node(
                        "dc1", "r1", "6f1c", "demo/backups/nightly-1/nodes/dc1/r1/6f1c.json", 2, 1_052_672)),
                1_052_672,
                1_060_000,
                0);
        String json = JSON.writeValueAsString(index);
        assertThat(JSON.readValue(json, BackupIndex.class)).isEqualTo(index);

        String later = json.replaceFirst("\\{", "{\"encryption\":\"aws:kms\",");
        assertThat(JSON.copy()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(later, BackupIndex.class))
                .isEqualTo(index);
    }

    @Test
    void aSchemaIsWrittenInNameOrderWhateverOrderItWasBuiltIn() throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("v", "text");
        columns.put("k", "int");
        columns.put("a", "blob");
        Map<String, String> replication = new LinkedHashMap<>();
        replication.put("dc2", "3");
        replication.put("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
        BackupSchema schema = new BackupSchema(
                NodeManifest.FORMAT,
                "nightly-1",
                List.of(new BackupSchema.Keyspace(
                        "shop",
                        replication,
                        true,
                        List.of(new BackupSchema.Statement("table", "kv", "CREATE TABLE shop.kv (k int PRIMARY KEY)")),
                        List.of(new BackupSchema.Table("kv", "5a1c", columns)))));

        String json = JSON.writeValueAsString(schema);
        BackupSchema read = JSON.readValue(json, BackupSchema.class);

        assertThat(read).isEqualTo(schema);
        assertThat(json).contains("\"columns\":{\"a\":\"blob\",\"k\":\"int\",\"v\":\"text\"}");
        assertThat(json).contains("{\"class\":\"org.apache.cassandra.locator.NetworkTopologyStrategy\",\"dc2\":\"3\"}");
        assertThat(read.keyspaces().get(0).tables().get(0).columns().toString()).isEqualTo("{a=blob, k=int, v=text}");
    }

    @Test
    void aFileWithoutAProperDigestCannotBeListed() {
        assertThatThrownBy(() -> new BackupFile("ks", "t", "id", "nb-1-big-Data.db", 1, "deadbeef"))
                .hasMessageContaining("not a SHA-256 digest");
        assertThatThrownBy(() -> new BackupFile("ks", "t", "id", "nb-1-big-Data.db", -1, "1".repeat(64)))
                .hasMessageContaining("negative");
    }
}
