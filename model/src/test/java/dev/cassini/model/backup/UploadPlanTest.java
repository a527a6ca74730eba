package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.BackupFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadPlanTest {
    static BackupFile file(String name, long size, char digest) {
        return new BackupFile(
                "ks", "t", "0123", name, size, String.valueOf(digest).repeat(64));
    }

    @Test
    void onlyContentTheStoreLacksIsUploadedAndEachContentOnce() {
        List<BackupFile> files = List.of(
                file("nb-1-big-Data.db", 1000, 'a'),
                file("nb-2-big-Data.db", 500, 'b'),
                file("nb-3-big-Data.db", 500, 'b'), // same bytes as nb-2: one upload
                file("nb-1-big-Index.db", 10, 'c'));

        UploadPlan plan = UploadPlan.of(files, Set.of("a".repeat(64)));

        assertThat(plan.uploads())
                .extracting(BackupFile::name)
                .containsExactly("nb-2-big-Data.db", "nb-1-big-Index.db");
        assertThat(plan.uploadBytes()).isEqualTo(510);
        assertThat(plan.reusedBytes()).isEqualTo(1500);
    }

    @Test
    void aSecondBackupOfUnchangedDataUploadsNoData() {
        List<BackupFile> files = List.of(file("nb-1-big-Data.db", 1000, 'a'), file("nb-1-big-Index.db", 10, 'c'));
        UploadPlan plan = UploadPlan.of(files, Set.of("a".repeat(64), "c".repeat(64)));
        assertThat(plan.uploads()).isEmpty();
        assertThat(plan.uploadBytes()).isZero();
        assertThat(plan.reusedBytes()).isEqualTo(1010);
    }
}
