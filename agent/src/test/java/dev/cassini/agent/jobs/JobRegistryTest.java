package dev.cassini.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.contract.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background jobs: their outcome, their progress, exclusivity, and how many finished ones are kept. */
class JobRegistryTest {
    private final JobRegistry registry = new JobRegistry();
    /** Released in tearDown so no test leaves a job thread blocked. */
    private final List<CountDownLatch> gates = new ArrayList<>();

    @AfterEach
    void tearDown() {
        gates.forEach(CountDownLatch::countDown);
        registry.close();
    }

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    /** Waits (not a timing assertion: the deadline only guards against a hang) until the job has finished. */
    private static Job awaitFinished(Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.state() == JobState.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job.operation() + " did not finish");
            }
            Thread.sleep(2);
        }
        return job;
    }

    private Job blockedJob(String operation, boolean exclusive, CountDownLatch gate) {
        return registry.submit(operation, Map.of(), exclusive, job -> {
            gate.await();
            return operation + " done";
        });
    }

    @Test
    void successfulJobKeepsItsResult() throws Exception {
        Job job = registry.submit("flush", Map.of("keyspace", "ks1"), false, j -> "flushed [ks1]");

        awaitFinished(job);

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.result()).isEqualTo("flushed [ks1]");
        assertThat(job.error()).isNull();
        assertThat(job.progress()).isEqualTo("done");
        assertThat(job.finishedAt()).isAfterOrEqualTo(job.startedAt());
        assertThat(job.operation()).isEqualTo("flush");
        assertThat(job.parameters()).containsExactlyEntriesOf(Map.of("keyspace", "ks1"));
        assertThat(job.exclusive()).isFalse();
    }

    @Test
    void liveFiguresAreReadOnEachViewWhileTheJobRunsAndTheLastOnesStayWhenAReadFails() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong(100);
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        Job job = registry.submit("rebuild", Map.of(), true, j -> {
            j.reportFiguresWith(() -> {
                if (failing.get()) {
                    throw new IllegalStateException("Cassandra did not answer");
                }
                return Map.of("receivedBytes", received.get());
            });
            release.await();
            j.record("receivedBytes", 500L);
            return "rebuilt";
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!job.view().figures().containsKey("receivedBytes") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(job.view().figures()).containsEntry("receivedBytes", 100L);
        received.set(300);
        assertThat(job.view().figures()).containsEntry("receivedBytes", 300L);
        failing.set(true);
        assertThat(job.view().figures()).containsEntry("receivedBytes", 300L);
        assertThat(job.view().state()).isEqualTo(JobState.RUNNING);

        release.countDown();
        awaitFinished(job);
        received.set(999);
        failing.set(false);
        assertThat(job.view().figures())
                .as("recorded at the end, not read any more")
                .containsEntry("receivedBytes", 500L);
    }

    @Test
    void failedJobKeepsTheErrorMessage() throws Exception {
        Job job = registry.submit("cleanup", Map.of(), true, j -> {
            throw new IllegalStateException("cleanup of keyspace ks1 did not complete (status 2)");
        });

        awaitFinished(job);

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo("cleanup of keyspace ks1 did not complete (status 2)");
        assertThat(job.result()).isNull();
        assertThat(job.progress()).isEqualTo("failed");
        assertThat(job.finishedAt()).isNotNull();
    }

    @Test
    void failureWithoutMessageIsNamedByItsType() throws Exception {
        Job job = registry.submit("drain", Map.of(), true, j -> {
            throw new java.io.IOException();
        });

        assertThat(awaitFinished(job).error()).isEqualTo("IOException");
    }

    @Test
    void jobThatThrowsAnErrorFailsAndFreesTheExclusiveSlot() throws Exception {
        Job job = registry.submit("decommission", Map.of(), true, j -> {
            throw new NoClassDefFoundError("org/apache/cassandra/Missing");
        });

        awaitFinished(job);

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo("org/apache/cassandra/Missing");
        Job next = registry.submit("drain", Map.of(), true, j -> "drained");
        assertThat(awaitFinished(next).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void runningJobReportsProgressFromItsSupplier() throws Exception {
        CountDownLatch reporting = new CountDownLatch(1);
        CountDownLatch gate = gate();
        AtomicReference<String> mode = new AtomicReference<>("LEAVING");
        Job job = registry.submit("decommission", Map.of(), true, j -> {
            j.reportProgressWith(mode::get);
            reporting.countDown();
            gate.await();
            return "decommissioned";
        });
        assertThat(reporting.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.progress()).isEqualTo("LEAVING");
        mode.set("DECOMMISSIONED");
        assertThat(job.progress()).isEqualTo("DECOMMISSIONED");

        gate.countDown();
        awaitFinished(job);
        assertThat(job.progress()).isEqualTo("done");
    }

    @Test
    void progressIsEmptyUntilTheJobReportsAny() {
        Job job = blockedJob("rebuild", true, gate());
        assertThat(job.progress()).isEmpty();
    }

    @Test
    void progressSupplierThatFailsIsShownAsUnknown() throws Exception {
        CountDownLatch reporting = new CountDownLatch(1);
        CountDownLatch gate = gate();
        Job job = registry.submit("removenode", Map.of(), true, j -> {
            j.reportProgressWith(() -> {
                throw new IllegalStateException("helper not reachable");
            });
            reporting.countDown();
            gate.await();
            return "removed";
        });
        assertThat(reporting.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(job.progress()).isEqualTo("unknown (helper not reachable)");
    }

    @Test
    void secondExclusiveJobIsRefusedWhileTheFirstRuns() {
        Job first = blockedJob("decommission", true, gate());

        assertThatThrownBy(() -> registry.submit("cleanup", Map.of(), true, j -> "cleaned"))
                .isInstanceOf(JobConflictException.class)
                .hasMessage("job " + first.id()
                        + " (decommission) is still running; wait for it to finish (GET /api/v1/jobs/" + first.id()
                        + ")");
        assertThat(registry.all()).containsExactly(first);
    }

    @Test
    void exclusiveJobIsAllowedAgainOnceTheFirstFinished() throws Exception {
        CountDownLatch gate = gate();
        Job first = blockedJob("drain", true, gate);
        gate.countDown();
        awaitFinished(first);

        Job second = registry.submit("cleanup", Map.of(), true, j -> "cleaned");

        assertThat(awaitFinished(second).result()).isEqualTo("cleaned");
    }

    @Test
    void exclusiveJobIsAllowedAgainAfterTheFirstFailed() throws Exception {
        Job first = registry.submit("rebuild", Map.of(), true, j -> {
            throw new IllegalStateException("stream failed");
        });
        awaitFinished(first);

        assertThat(awaitFinished(registry.submit("rebuild", Map.of(), true, j -> "rebuilt"))
                        .state())
                .isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void nonExclusiveJobsRunAlongsideAnExclusiveOne() throws Exception {
        Job exclusive = blockedJob("decommission", true, gate());

        Job flush = registry.submit("flush", Map.of(), false, j -> "flushed");

        assertThat(awaitFinished(flush).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(exclusive.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void exclusiveJobRunsAlongsideANonExclusiveOne() throws Exception {
        Job flush = blockedJob("flush", false, gate());

        Job drain = registry.submit("drain", Map.of(), true, j -> "drained");

        assertThat(awaitFinished(drain).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(flush.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void twoNonExclusiveJobsRunAtOnce() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Job a = registry.submit("flush", Map.of(), false, j -> {
            bothStarted.countDown();
            return bothStarted.await(30, TimeUnit.SECONDS) ? "together" : "alone";
        });
        Job b = registry.submit("flush", Map.of(), false, j -> {
            bothStarted.countDown();
            return bothStarted.await(30, TimeUnit.SECONDS) ? "together" : "alone";
        });

        assertThat(awaitFinished(a).result()).isEqualTo("together");
        assertThat(awaitFinished(b).result()).isEqualTo("together");
    }

    @Test
    void jobsAreFoundByIdAndUnknownIdsAreNot() {
        Job job = blockedJob("drain", true, gate());

        assertThat(registry.get(job.id())).containsSame(job);
        assertThat(registry.get("nope")).isEmpty();
        assertThat(job.id()).matches("[0-9a-f-]{36}");
    }

    @Test
    void onlyTheHundredNewestFinishedJobsAreKept() throws Exception {
        List<Job> finished = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            finished.add(awaitFinished(registry.submit("flush", Map.of("n", String.valueOf(i)), false, j -> "ok")));
        }

        Job last = registry.submit("flush", Map.of(), false, j -> "ok");

        for (int i = 0; i < 5; i++) {
            assertThat(registry.get(finished.get(i).id())).as("job %d", i).isEmpty();
        }
        for (int i = 5; i < 105; i++) {
            assertThat(registry.get(finished.get(i).id())).as("job %d", i).isPresent();
        }
        assertThat(registry.get(last.id())).isPresent();
        assertThat(registry.all()).hasSize(101);
    }

    @Test
    void runningJobsAreNeverTrimmed() throws Exception {
        Job running = blockedJob("decommission", true, gate());
        for (int i = 0; i < 102; i++) {
            awaitFinished(registry.submit("flush", Map.of(), false, j -> "ok"));
        }

        registry.submit("flush", Map.of(), false, j -> "ok");

        assertThat(registry.get(running.id())).containsSame(running);
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void parametersAreCopied() {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("keyspace", "ks1"));
        Job job = blockedJob("flush", false, gate());
        Job withParameters = registry.submit("cleanup", parameters, false, j -> "ok");

        parameters.put("keyspace", "changed");

        assertThat(withParameters.parameters()).containsEntry("keyspace", "ks1");
        assertThat(job.parameters()).isEmpty();
    }
}
