package dev.cassini.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobRegistry;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.JobState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** clearsnapshot leaves alone the snapshot a running backup uploads from. */
class ClearSnapshotRefusalTest {
    private final JobRegistry jobs = new JobRegistry();
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        gate.countDown();
        jobs.close();
    }

    private Job runningBackup(String backupId) {
        return jobs.submit(AgentRoutes.BACKUP, Map.of("backupId", backupId), true, job -> {
            gate.await();
            return "uploaded";
        });
    }

    @Test
    void withNoBackupRunningEverySnapshotMayBeCleared() {
        assertThat(NodeAgent.refuseClearSnapshot(null, jobs.all())).isEmpty();
        assertThat(NodeAgent.refuseClearSnapshot("cassini-b1", jobs.all())).isEmpty();
    }

    @Test
    void aRunningBackupKeepsItsSnapshotAndSoEverySnapshot() {
        Job backup = runningBackup("b1");

        assertThat(NodeAgent.refuseClearSnapshot(null, jobs.all()))
                .hasValue("backup job " + backup.id() + " is uploading from snapshot cassini-b1; name the snapshot to"
                        + " clear, or wait until the backup has finished");
        assertThat(NodeAgent.refuseClearSnapshot("cassini-b1", jobs.all()))
                .hasValue("backup job " + backup.id() + " is uploading from snapshot cassini-b1; the backup clears it"
                        + " itself when it has finished");
        assertThat(NodeAgent.refuseClearSnapshot("pre-upgrade", jobs.all()))
                .as("another snapshot")
                .isEmpty();
    }

    @Test
    void aFinishedBackupHoldsNothing() throws Exception {
        Job backup = runningBackup("b1");
        gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (backup.state() == JobState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }

        assertThat(NodeAgent.refuseClearSnapshot(null, List.of(backup))).isEmpty();
    }
}
