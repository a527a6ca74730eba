package dev.cassini.contract.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackupLayoutTest {
    private static final String DIGEST = "ab" + "0".repeat(62);

    @Test
    void everyKeyLivesUnderThePrefixWhateverSlashesItWasGivenWith() {
        for (String prefix : new String[] {"demo", "/demo/", "demo/"}) {
            BackupLayout layout = new BackupLayout(prefix);
            assertThat(layout.blob(DIGEST)).isEqualTo("demo/blobs/ab/" + DIGEST);
            assertThat(layout.schema("nightly-1")).isEqualTo("demo/backups/nightly-1/schema.json");
            assertThat(layout.manifest("nightly-1", "dc1", "r1", "6f1c"))
                    .isEqualTo("demo/backups/nightly-1/nodes/dc1/r1/6f1c.json");
            assertThat(layout.index("nightly-1")).isEqualTo("demo/index/nightly-1.json");
        }
        assertThat(new BackupLayout("").blob(DIGEST)).isEqualTo("blobs/ab/" + DIGEST);
        assertThat(new BackupLayout(null).index()).isEqualTo("index/");
    }

    @Test
    void keysReadBackToWhatTheyName() {
        BackupLayout layout = new BackupLayout("demo");
        assertThat(layout.digestOfBlob(layout.blob(DIGEST))).isEqualTo(DIGEST);
        assertThat(layout.digestOfBlob("demo/blobs/cd/" + DIGEST))
                .as("in the wrong fan-out folder")
                .isNull();
        assertThat(layout.digestOfBlob("demo/index/x.json")).isNull();
        assertThat(layout.backupIdOfIndex(layout.index("weekly.2026-12-01"))).isEqualTo("weekly.2026-12-01");
        assertThat(layout.backupIdOfIndex("demo/index/Not_An_Id.json")).isNull();
        assertThat(layout.backupIdOfIndex("other/index/a.json")).isNull();
    }

    @Test
    void aDigestOrBackupIdThatCannotBeAKeyIsRefusedWithWhatItMustBe() {
        BackupLayout layout = new BackupLayout("demo");
        assertThatThrownBy(() -> layout.blob("AB" + "0".repeat(62))).hasMessageContaining("64 lowercase hex digits");
        assertThatThrownBy(() -> layout.index("../escape")).hasMessageContaining("a backup id is a Kubernetes name");
        assertThatThrownBy(() -> layout.schema("")).isInstanceOf(IllegalArgumentException.class);
    }
}
