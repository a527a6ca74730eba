package dev.cassini.model.repair;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which repair sessions to start now. Tables go smallest first, each table's segments in ring
 * order; a segment starts when none of its replicas takes part in a running session (so a node
 * runs one session at a time and sessions of disjoint replica sets run side by side), every
 * replica serves, none has more pending compactions than allowed, none is resting after its last
 * session, and, for a segment that failed before, its retry is due. What is already repaired is
 * never repaired again: a segment starts with only the spans the ledger does not hold yet. A
 * segment that failed {@code maxAttempts} times is given up and the repair fails once nothing else
 * is left, naming it.
 */
public final class RepairPlan {
    private RepairPlan() {}

    /** A table to repair and its segments on the current ring, in the order to repair them. */
    public record Table(String name, List<RepairSegment> segments) {
        public Table {
            segments = List.copyOf(segments);
        }
    }

    /**
     * A node as the repair sees it.
     *
     * @param notServing why the node cannot take part now; empty when it can
     * @param pendingCompactions what Cassandra estimates; null when unknown
     */
    public record Node(Optional<String> notServing, Integer pendingCompactions) {
        public static Node serving(Integer pendingCompactions) {
            return new Node(Optional.empty(), pendingCompactions);
        }

        public static Node down(String why) {
            return new Node(Optional.of(why), null);
        }
    }

    /**
     * The knobs that may change while the repair runs.
     *
     * @param maxPendingCompactions a replica with more waits
     * @param maxAttempts tries of one segment before it is given up
     * @param retryDelay how long after its n-th failure a segment is tried again, times n
     */
    public record Settings(boolean suspend, int maxPendingCompactions, int maxAttempts, Duration retryDelay) {}

    /** What to do. */
    public sealed interface Step {
        String reason();
    }

    /** Start these sessions (their replicas are disjoint). */
    public record Start(List<Launch> launches, String reason) implements Step {
        public Start {
            launches = List.copyOf(launches);
        }
    }

    /** One session to start: the spans still to repair of a segment. */
    public record Launch(String table, RepairSegment segment, int attempt) {}

    /** Nothing to start now; look again. */
    public record Wait(String reason) implements Step {}

    /** Suspended, and no session runs any more. */
    public record Suspended(String reason) implements Step {}

    /** Every table's every segment is repaired. */
    public record Complete(String reason) implements Step {}

    /** Nothing runs and nothing is left but segments given up. */
    public record Fail(String reason) implements Step {}

    public static Step next(
            List<Table> tables, Map<String, Node> nodes, RepairLedger ledger, Settings settings, Instant now) {
        if (settings.suspend()) {
            return ledger.running().isEmpty()
                    ? new Suspended("suspended; set spec.suspend to false to go on from the last completed segment")
                    : new Wait("suspending: " + ledger.running().size()
                            + " running session(s) finish first; nothing new starts");
        }
        Set<String> busy = new HashSet<>();
        ledger.running().forEach(r -> busy.addAll(r.replicas()));
        List<Launch> launches = new ArrayList<>();
        Set<String> postponed = new LinkedHashSet<>();
        List<String> givenUp = new ArrayList<>();
        boolean workLeft = false;
        for (Table table : tables) {
            TokenSpans repaired = ledger.repairedOf(table.name());
            for (RepairSegment segment : table.segments()) {
                List<TokenSpan> remaining = new ArrayList<>();
                for (TokenSpan span : segment.spans()) {
                    remaining.addAll(repaired.missingFrom(span));
                }
                remaining.removeIf(span -> ledger.running().stream()
                        .anyMatch(
                                r -> r.table().equals(table.name()) && RepairLedger.overlap(r.spans(), List.of(span))));
                List<RepairLedger.Failure> failed = ledger.failures().stream()
                        .filter(f -> f.overlaps(table.name(), remaining))
                        .toList();
                for (RepairLedger.Failure f : failed) {
                    if (f.attempts() >= settings.maxAttempts()) {
                        remaining.removeIf(span -> RepairLedger.overlap(f.spans(), List.of(span)));
                        givenUp.add(table.name() + " " + segment.name() + " (" + f.reason() + ")");
                    }
                }
                if (remaining.isEmpty()) {
                    continue;
                }
                workLeft = true;
                int attempt = 1
                        + failed.stream()
                                .mapToInt(RepairLedger.Failure::attempts)
                                .max()
                                .orElse(0);
                Optional<Instant> retryAt =
                        failed.stream().map(f -> retryAt(f, settings)).max(Instant::compareTo);
                if (retryAt.isPresent() && retryAt.get().isAfter(now)) {
                    postponed.add(table.name() + " " + segment.name() + " retries at " + retryAt.get());
                    continue;
                }
                if (segment.sharesReplicaWith(busy)) {
                    continue; // its replicas are in a running session: one session per node
                }
                Optional<String> hold = hold(segment, nodes, ledger, settings, now);
                if (hold.isPresent()) {
                    postponed.add(hold.get());
                    continue;
                }
                launches.add(new Launch(table.name(), new RepairSegment(remaining, segment.replicas()), attempt));
                busy.addAll(segment.replicas());
            }
        }
        String waiting = postponed.isEmpty() ? "" : "; postponed: " + String.join("; ", postponed);
        if (!launches.isEmpty()) {
            return new Start(
                    launches,
                    "starting "
                            + launches.stream()
                                    .map(l -> l.table() + " " + l.segment().name() + " on "
                                            + l.segment().coordinator())
                                    .collect(Collectors.joining(", "))
                            + waiting);
        }
        if (!ledger.running().isEmpty() || workLeft) {
            return new Wait(ledger.running().size() + " session(s) running" + waiting);
        }
        if (!givenUp.isEmpty()) {
            return new Fail(
                    givenUp.size() + " segment(s) failed " + settings.maxAttempts() + " times and were given up: "
                            + String.join("; ", givenUp.stream().distinct().toList()));
        }
        return new Complete("every segment of " + tables.size() + " table(s) is repaired");
    }

    /**
     * The next moment a plan could start something it cannot start now with no session running: a
     * node's rest (intensity) ends or a failed segment's retry falls due. Empty when nothing waits
     * on the clock, so a reconciler sleeps until then instead of polling.
     */
    public static Optional<Instant> nextDue(RepairLedger ledger, Settings settings, Instant now) {
        List<Instant> due = new ArrayList<>(ledger.restingUntil().values());
        ledger.failures().stream()
                .filter(f -> f.attempts() < settings.maxAttempts())
                .map(f -> retryAt(f, settings))
                .forEach(due::add);
        return due.stream().filter(t -> t.isAfter(now)).min(Instant::compareTo);
    }

    /** When a failed segment is tried again: the retry delay times its attempts after it failed. */
    private static Instant retryAt(RepairLedger.Failure failure, Settings settings) {
        return failure.failedAt().plus(settings.retryDelay().multipliedBy(failure.attempts()));
    }

    /** Why a segment whose replicas are free must still wait; empty when it can start. */
    private static Optional<String> hold(
            RepairSegment segment, Map<String, Node> nodes, RepairLedger ledger, Settings settings, Instant now) {
        for (String pod : segment.replicas()) {
            Node node = nodes.get(pod);
            if (node == null) {
                return Optional.of(pod + " is not known to the cluster's status");
            }
            if (node.notServing().isPresent()) {
                return Optional.of(pod + " " + node.notServing().get());
            }
            if (node.pendingCompactions() != null && node.pendingCompactions() > settings.maxPendingCompactions()) {
                return Optional.of(pod + " has " + node.pendingCompactions() + " pending compactions (more than "
                        + settings.maxPendingCompactions() + ")");
            }
            Instant rest = ledger.restingUntil().get(pod);
            if (rest != null && rest.isAfter(now)) {
                return Optional.of(pod + " rests until " + rest + " (intensity)");
            }
        }
        return Optional.empty();
    }
}
