package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waiting for a repair command, on a fake Cassandra and a clock that only moves when the session sleeps. */
class RepairSessionTest {
    private static final int COMMAND = 7;

    /** Answers the statuses a test queued, one per poll, the last one for ever after; records terminations. */
    private static final class FakeCassandra implements RepairSession.StatusSource {
        // A LinkedList, since an unknown status is a null.
        final Deque<List<String>> statuses = new LinkedList<>();
        List<String> last;
        final List<Integer> asked = new ArrayList<>();
        int terminations;
        IOException terminateFails;

        FakeCassandra answering(String... status) {
            statuses.add(Arrays.asList(status));
            return this;
        }

        FakeCassandra unknown() {
            statuses.add(null);
            return this;
        }

        @Override
        public List<String> parentRepairStatus(int command) {
            asked.add(command);
            if (!statuses.isEmpty()) {
                last = statuses.poll();
            }
            return last;
        }

        @Override
        public void terminateRepairSessions() throws IOException {
            terminations++;
            if (terminateFails != null) {
                throw terminateFails;
            }
        }
    }

    private final FakeCassandra cassandra = new FakeCassandra();
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();
    /** What the session said of itself while it slept: what a client polling its job would read. */
    private final List<String> progressAtSleeps = new ArrayList<>();

    private RepairSession current;

    private RepairSession session(Duration timeout) {
        current = new RepairSession(cassandra, COMMAND, timeout, () -> now, d -> {
            sleeps.add(d);
            progressAtSleeps.add(current.progress());
            now += d.toNanos();
        });
        return current;
    }

    @Test
    void aCompletedCommandEndsTheWaitWithCassandrasMessages() throws Exception {
        cassandra
                .unknown()
                .answering("IN_PROGRESS")
                .answering("IN_PROGRESS")
                .answering("COMPLETED", "Repair command #7 finished in 2 seconds");
        RepairSession session = session(Duration.ofMinutes(1));

        assertThat(session.await()).containsExactly("Repair command #7 finished in 2 seconds");

        assertThat(cassandra.asked).hasSize(4).containsOnly(COMMAND);
        assertThat(sleeps).hasSize(3).containsOnly(RepairSession.POLL);
        assertThat(progressAtSleeps)
                .containsExactly(
                        "waiting for Cassandra to start repair command 7",
                        "repair command 7: IN_PROGRESS",
                        "repair command 7: IN_PROGRESS");
        assertThat(cassandra.terminations).isZero();
        assertThat(session.progress()).isEqualTo("COMPLETED");
    }

    @Test
    void aFailedCommandFailsWithCassandrasMessagesJoined() {
        cassandra
                .answering("IN_PROGRESS")
                .answering(
                        "FAILED",
                        "Repair command #7 failed with error Endpoint not alive: /127.0.1.13:7000",
                        "Repair command #7 finished with error");

        assertThatThrownBy(() -> session(Duration.ofMinutes(1)).await())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("repair command 7 failed: Repair command #7 failed with error Endpoint not alive:"
                        + " /127.0.1.13:7000; Repair command #7 finished with error");
        assertThat(cassandra.terminations).isZero();
    }

    @Test
    void aFailureWithoutMessagesSaysWhereToLookAndALongOneIsShortened() {
        cassandra.answering("FAILED");
        assertThatThrownBy(() -> session(Duration.ofMinutes(1)).await())
                .hasMessage("repair command 7 failed: Cassandra gave no reason; see the node's system.log");

        cassandra.answering("FAILED", "x".repeat(2_000));
        assertThatThrownBy(() -> session(Duration.ofMinutes(1)).await())
                .hasMessageEndingWith("...")
                .hasMessageStartingWith("repair command 7 failed: xxx")
                .satisfies(e -> assertThat(e.getMessage())
                        .hasSize("repair command 7 failed: ".length() + RepairSession.MAX_MESSAGE));
    }

    @Test
    void pastItsTimeoutTheSessionsAreTerminatedAndTheWaitFails() {
        cassandra.answering("IN_PROGRESS");
        RepairSession session = session(Duration.ofSeconds(3));

        assertThatThrownBy(session::await)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("repair session timed out after 3 s; its sessions on this node were terminated");

        assertThat(cassandra.terminations).isEqualTo(1);
        assertThat(Duration.ofNanos(now)).isEqualTo(Duration.ofSeconds(3));
        // once at the start and once after each poll interval until the deadline
        assertThat(cassandra.asked).hasSize((int) (3000 / RepairSession.POLL.toMillis()) + 1);
        assertThat(session.progress()).isEqualTo("repair command 7: IN_PROGRESS");
    }

    @Test
    void aTimeoutThatIsNotAMultipleOfThePollIntervalSleepsOnlyToTheDeadline() {
        cassandra.answering("IN_PROGRESS");

        Duration timeout = RepairSession.POLL.multipliedBy(2).plusMillis(40);
        assertThatThrownBy(() -> session(timeout).await()).hasMessageContaining("timed out");

        assertThat(sleeps).containsExactly(RepairSession.POLL, RepairSession.POLL, Duration.ofMillis(40));
    }

    @Test
    void whenTerminatingFailsTooTheErrorSaysTheSessionsMayStillRun() {
        cassandra.answering("IN_PROGRESS");
        cassandra.terminateFails = new IOException("helper socket closed");

        assertThatThrownBy(() -> session(Duration.ofSeconds(1)).await())
                .hasMessage("repair session timed out after 1 s; terminating its sessions on this node failed too"
                        + " (helper socket closed), so they may still run; the node's system.log tells");
    }

    @Test
    void aCommandCassandraHasNotStartedYetIsWaitedForUntilTheTimeout() {
        cassandra.unknown();
        RepairSession session = session(Duration.ofSeconds(2));
        assertThat(session.progress()).isEqualTo("waiting for Cassandra to start repair command 7");

        assertThatThrownBy(session::await).hasMessageStartingWith("repair session timed out after 2 s");

        assertThat(cassandra.terminations).isEqualTo(1);
        assertThat(session.progress()).isEqualTo("waiting for Cassandra to start repair command 7");
    }

    @Test
    void aCommandCassandraForgetsAfterStartingItFailsAsUnknownWithoutTerminatingAnything() {
        cassandra.answering("IN_PROGRESS").answering("IN_PROGRESS").unknown();

        assertThatThrownBy(() -> session(Duration.ofMinutes(1)).await())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cassandra no longer knows repair command 7")
                .hasMessageEndingWith("whether the repair completed is unknown; run the repair again");
        assertThat(cassandra.terminations).isZero();
    }

    @Test
    void aStatusThisAgentDoesNotKnowCountsAsRunningAndShowsItsLastMessage() throws Exception {
        cassandra
                .answering("VALIDATING", "merkle trees requested", "2 of 3 trees received")
                .answering("IN_PROGRESS")
                .answering("COMPLETED");

        assertThat(session(Duration.ofMinutes(1)).await()).isEmpty();

        assertThat(progressAtSleeps)
                .containsExactly("repair command 7: 2 of 3 trees received", "repair command 7: IN_PROGRESS");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> session(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }
}
