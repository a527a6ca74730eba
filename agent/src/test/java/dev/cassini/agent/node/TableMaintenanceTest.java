package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobConflictException;
import dev.cassini.agent.jobs.JobRegistry;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.JobState;
import dev.cassini.contract.JobView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which keyspaces and tables a compact, upgradesstables, scrub or garbagecollect request names, what
 * it refuses and how, and the job it runs as: keyspace after keyspace, "k/n keyspaces", failing at
 * the first keyspace Cassandra does not complete.
 */
class TableMaintenanceTest {
    /** A node with two keyspaces of its own besides Cassandra's. */
    private static final TableMaintenance.Schema SCHEMA = new TableMaintenance.Schema() {
        @Override
        public List<String> keyspaces() {
            return List.of("system", "system_schema", "system_views", "system_auth", "shop", "audit");
        }

        @Override
        public List<String> nonSystemKeyspaces() {
            return List.of("shop", "audit");
        }

        @Override
        public List<String> tables(String keyspace) {
            return switch (keyspace) {
                case "shop" -> List.of("orders", "carts");
                case "audit" -> List.of("events");
                default -> List.of("local", "peers_v2");
            };
        }
    };

    private final JobRegistry jobs = new JobRegistry();
    private final List<CountDownLatch> gates = new ArrayList<>();

    @AfterEach
    void tearDown() {
        gates.forEach(CountDownLatch::countDown);
        jobs.close();
    }

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

    /** A pass may throw IOException only, as Cassandra's calls do. */
    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    // ---- what a request names ----

    @Test
    void noKeyspaceMeansEveryNonSystemKeyspaceInTurnWithAllTheirTables() throws IOException {
        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, null, List.of());

        assertThat(targets.keyspaces()).containsExactly("shop", "audit");
        assertThat(targets.tables()).isEmpty();
        assertThat(targets.parameters()).isEmpty();
    }

    @Test
    void oneKeyspaceMayBeASystemOneAndItsTablesAreNamedOnce() throws IOException {
        assertThat(TableMaintenance.resolve(SCHEMA, "system_auth", null).keyspaces())
                .containsExactly("system_auth");

        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, "shop", List.of("orders", "orders"));
        assertThat(targets.keyspaces()).containsExactly("shop");
        assertThat(targets.tables()).containsExactly("orders");
        assertThat(targets.parameters()).containsExactly(Map.entry("keyspace", "shop"), Map.entry("tables", "orders"));
    }

    @Test
    void tablesWithoutAKeyspaceAreRefusedBeforeCassandraIsAsked() {
        assertThatThrownBy(() -> TableMaintenance.checkRequest(null, List.of("orders")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tables need a keyspace: name the keyspace [orders] belong to, or leave tables out for"
                        + " every table of every non-system keyspace");
    }

    @Test
    void namesThatAreNotNamesAreRefused() {
        assertThatThrownBy(() -> TableMaintenance.checkRequest(" ", List.of()))
                .hasMessage("keyspace ' ' is not a name; leave it out for every non-system keyspace");
        assertThatThrownBy(() -> TableMaintenance.checkRequest("shop", List.of("")))
                .hasMessage("tables holds '', which is not a table name; give names of tables of keyspace shop,"
                        + " e.g. [\"kv\"]");
        assertThatThrownBy(() -> TableMaintenance.checkRequest("shop", List.of("shop.orders")))
                .hasMessageStartingWith("tables holds 'shop.orders', which is not a table name");
    }

    @Test
    void anUnknownKeyspaceIsRefusedNamingThoseThatExist() {
        assertThatThrownBy(() -> TableMaintenance.resolve(SCHEMA, "shopp", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyspace 'shopp' does not exist; known: [audit, shop, system, system_auth,"
                        + " system_schema]");
        assertThatThrownBy(() -> TableMaintenance.resolve(SCHEMA, "system_views", List.of()))
                .hasMessageStartingWith("keyspace 'system_views' does not exist on disk (it is virtual); known:");
    }

    @Test
    void anUnknownTableIsRefusedNamingTheKeyspacesTables() {
        assertThatThrownBy(() -> TableMaintenance.resolve(SCHEMA, "shop", List.of("orders", "events")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table 'events' does not exist in keyspace shop; its tables: [carts, orders]");
    }

    // ---- the job ----

    @Test
    void theJobDoesOneKeyspaceAfterTheOtherAndTellsHowManyAreDone() throws Exception {
        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, null, List.of());
        CountDownLatch second = new CountDownLatch(1);
        gates.add(second);
        CountDownLatch reachedSecond = new CountDownLatch(1);
        List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();

        Job job = TableMaintenance.submit(
                jobs, AgentRoutes.COMPACT, targets, Map.of(), "compacted", "", (keyspace, tables) -> {
                    if (keyspace.equals("audit")) {
                        reachedSecond.countDown();
                        await(second);
                    }
                    assertThat(tables).isEmpty();
                    done.add(keyspace);
                    return 0;
                });

        assertThat(reachedSecond.await(30, TimeUnit.SECONDS)).isTrue();
        JobView running = job.view();
        assertThat(running.operation()).isEqualTo("compact");
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.progress()).isEqualTo("1/2 keyspaces");
        assertThat(running.parameters()).isEmpty();

        second.countDown();
        JobView finished = awaitFinished(job).view();
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(finished.result()).isEqualTo("compacted keyspaces [shop, audit]");
        assertThat(done).containsExactly("shop", "audit");
    }

    @Test
    void theJobIsExclusive() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, "shop", List.of());
        Job first = TableMaintenance.submit(jobs, AgentRoutes.SCRUB, targets, Map.of(), "scrubbed", "", (k, t) -> {
            await(gate);
            return 0;
        });

        assertThatThrownBy(() -> TableMaintenance.submit(
                        jobs, AgentRoutes.GARBAGECOLLECT, targets, Map.of(), "collected", "", (k, t) -> 0))
                .isInstanceOf(JobConflictException.class)
                .hasMessageContaining("job " + first.id() + " (scrub) is still running");
        assertThat(jobs.submit(AgentRoutes.CLEARSNAPSHOT, Map.of(), false, j -> "cleared"))
                .as("clearing snapshots is not exclusive")
                .isNotNull();
    }

    @Test
    void theTablesAndOptionsAreTheJobsParametersAndTheResultSaysWhatWasDone() throws Exception {
        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, "shop", List.of("orders", "carts"));
        List<List<String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        Job job = TableMaintenance.submit(
                jobs,
                AgentRoutes.UPGRADESSTABLES,
                targets,
                Map.of("all", "true"),
                "rewrote every SSTable of",
                "; and then some",
                (keyspace, tables) -> {
                    asked.add(tables);
                    return 0;
                });

        JobView view = awaitFinished(job).view();
        assertThat(view.parameters())
                .containsOnly(
                        Map.entry("keyspace", "shop"), Map.entry("tables", "orders,carts"), Map.entry("all", "true"));
        assertThat(view.result())
                .isEqualTo("rewrote every SSTable of tables [orders, carts] of keyspace shop; and then some");
        assertThat(asked).containsExactly(List.of("orders", "carts"));
    }

    @Test
    void aKeyspaceCassandraDidNotCompleteFailsTheJobAndLeavesTheRestUndone() throws Exception {
        TableMaintenance.Targets targets =
                new TableMaintenance.Targets(null, List.of("shop", "audit", "ops"), List.of());
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        Job job = TableMaintenance.submit(
                jobs, AgentRoutes.GARBAGECOLLECT, targets, Map.of(), "collected the garbage of", "", (k, t) -> {
                    asked.add(k);
                    return k.equals("audit") ? 1 : 0;
                });

        JobView view = awaitFinished(job).view();
        assertThat(view.state()).isEqualTo(JobState.FAILED);
        assertThat(view.error())
                .isEqualTo("garbagecollect of keyspace audit did not complete (status 1: aborted; Cassandra's"
                        + " system.log says why); done before it: [shop]");
        assertThat(asked).containsExactly("shop", "audit");
    }

    @Test
    void aFailedCallFailsTheJobWithCassandrasWord() throws Exception {
        TableMaintenance.Targets targets = TableMaintenance.resolve(SCHEMA, "shop", List.of());

        Job job = TableMaintenance.submit(jobs, AgentRoutes.SCRUB, targets, Map.of(), "scrubbed", "", (k, t) -> {
            throw new IOException("helper socket closed");
        });

        assertThat(awaitFinished(job).error()).isEqualTo("helper socket closed");
    }

    @Test
    void cassandrasStatusesAreSaidInWords() {
        assertThat(TableMaintenance.meaning(2)).startsWith("Cassandra could not stop the compactions holding");
        assertThat(TableMaintenance.meaning(7)).isEqualTo("unknown to this agent");
    }
}
