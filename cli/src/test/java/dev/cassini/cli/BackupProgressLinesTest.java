package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.BackupFixtures.node;
import static dev.cassini.cli.BackupFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupProgressLinesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

    private static CassandraBackupStatus running(String r1Message, String r2Message) {
        CassandraBackupStatus status = status("Running", "2025-06-01T02:00:00Z", null, null, null);
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", "Running", r1Message), node("demo-dc1-r2-0", "r2", "Running", r2Message)));
        return status;
    }

    @Test
    void aLineIsPrintedAgainOnlyWhenItChanged() {
        BackupProgressLines progress = new BackupProgressLines();

        assertThat(progress.next(running("snapshot cassini-nightly-1", "started"), Duration.ofSeconds(3)))
                .containsExactly(
                        "[   3s] Running: 0 of 2 nodes done",
                        "[   3s]   demo-dc1-r1-0 (dc1/r1): Running - snapshot cassini-nightly-1",
                        "[   3s]   demo-dc1-r2-0 (dc1/r2): Running - started");
        assertThat(progress.next(running("snapshot cassini-nightly-1", "started"), Duration.ofSeconds(5)))
                .isEmpty();
        assertThat(progress.next(running("snapshot cassini-nightly-1", "uploading"), Duration.ofSeconds(7)))
                .containsExactly("[   7s]   demo-dc1-r2-0 (dc1/r2): Running - uploading");
    }

    @Test
    void aFinishedNodeShowsWhatItStoredInsteadOfTheAgentsSentence() {
        CassandraBackupStatus status = status("Running", "2025-06-01T02:00:00Z", null, 2 * GIB, 300 * MIB);
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", 412, 2 * GIB, 300 * MIB, 1800 * MIB),
                node("demo-dc1-r2-0", "r2", "Running", "uploading")));

        assertThat(new BackupProgressLines().next(status, Duration.ofSeconds(61)))
                .containsExactly(
                        "[  61s] Running: 1 of 2 nodes done, 2.0 GiB of data so far, 300 MiB uploaded",
                        "[  61s]   demo-dc1-r1-0 (dc1/r1): Succeeded, 412 files, 2.0 GiB of data, 300 MiB uploaded,"
                                + " 1.8 GiB already in the bucket",
                        "[  61s]   demo-dc1-r2-0 (dc1/r2): Running - uploading");
    }

    @Test
    void withoutAStatusForLongTheOperatorIsSuspected() {
        assertThat(BackupProgressLines.headline(null, Duration.ofSeconds(5)))
                .isEqualTo("waiting for the operator to take the backup");
        assertThat(BackupProgressLines.headline(new CassandraBackupStatus(), Duration.ofSeconds(30)))
                .startsWith("no word from the operator after 30 s: is it running?")
                .contains("kubectl get pods -A -l app.kubernetes.io/name=cassini-operator");
    }

    @Test
    void pendingAndFailedSayTheOperatorsMessage() {
        CassandraBackupStatus pending = status("Pending", null, null, null, null);
        pending.setMessage("cluster demo is not Ready (bootstrap); the backup starts once it is");
        CassandraBackupStatus failed = status("Failed", null, "2025-06-01T02:00:01Z", null, null);
        failed.setMessage("keyspace 'shp' does not exist; known: [shop]");

        assertThat(BackupProgressLines.headline(pending, Duration.ZERO))
                .isEqualTo("Pending: cluster demo is not Ready (bootstrap); the backup starts once it is");
        assertThat(BackupProgressLines.headline(failed, Duration.ZERO))
                .isEqualTo("Failed: keyspace 'shp' does not exist; known: [shop]");
        assertThat(JobPhase.finished(pending.getPhase())).isFalse();
        assertThat(JobPhase.finished(failed.getPhase())).isTrue();
        assertThat(JobPhase.finished(null)).isFalse();
    }

    @Test
    void aSucceededBackupEndsWithItsSizeDurationAndLocation() {
        CassandraBackupStatus status =
                status("Succeeded", "2025-06-01T02:00:00Z", "2025-06-01T02:02:03Z", 6 * GIB, 310 * MIB);
        status.setLocation("s3://backups/prod/demo/backups/nightly-1/");
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", 1, 2 * GIB, 0, 0),
                node("demo-dc1-r2-0", "r2", 1, 2 * GIB, 0, 0),
                node("demo-dc1-r3-0", "r3", 1, 2 * GIB, 0, 0)));

        assertThat(new BackupProgressLines().outcome("nightly-1", "default", status, NOW))
                .isEqualTo("""
                        Backup nightly-1 succeeded in 2m 03s: 6.0 GiB of data from 3 nodes, 310 MiB uploaded.
                        Location: s3://backups/prod/demo/backups/nightly-1/
                        """);
    }

    @Test
    void aFailedBackupEndsWithTheReasonAndWhereToLook() {
        CassandraBackupStatus status = status("Failed", null, "2025-06-01T02:00:01Z", null, null);
        status.setMessage("cluster demo has no spec.backup.storage");

        assertThat(new BackupProgressLines().outcome("nightly-1", "prod", status, NOW))
                .isEqualTo("""
                        Backup nightly-1 failed: cluster demo has no spec.backup.storage
                        Per node: cassini backup describe nightly-1 -n prod
                        Events:   kubectl describe cbk nightly-1 -n prod
                        """);
    }

    @Test
    void ctrlCSaysTheBackupGoesOnAndHowToFollowIt() {
        assertThat(JobResource.BACKUPS.stoppedWatching("nightly-1", "prod"))
                .contains("Backup nightly-1 keeps running in the cluster")
                .contains("cassini backup describe nightly-1 -n prod");
    }
}
