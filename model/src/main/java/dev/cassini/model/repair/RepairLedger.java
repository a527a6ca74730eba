package dev.cassini.model.repair;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one repair has done and is doing, as its status keeps it: per table the spans repaired
 * (merged, so a finished table is one span whatever the segment count), the segments running, the
 * segments that failed and how often, and until when each node rests after its last segment.
 * Everything a restarted operator needs to go on without repeating a completed segment. Immutable;
 * each change returns a new ledger.
 */
public record RepairLedger(
        Map<String, TokenSpans> repaired,
        List<Running> running,
        List<Failure> failures,
        Map<String, Instant> restingUntil) {
    public static final RepairLedger EMPTY = new RepairLedger(Map.of(), List.of(), List.of(), Map.of());

    public RepairLedger {
        repaired = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(repaired));
        running = List.copyOf(running);
        failures = List.copyOf(failures);
        restingUntil = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(restingUntil));
    }

    /**
     * A segment's session in progress.
     *
     * @param table the table, as {@code keyspace.table}
     * @param job the coordinator's job id; null until the agent accepted the request
     * @param attempt 1 for the first try of these spans
     * @param sentAtStart each replica's repair bytes sent when the session started, to tell what it streamed
     */
    public record Running(
            String table,
            List<TokenSpan> spans,
            List<String> replicas,
            String coordinator,
            String job,
            Instant startedAt,
            int attempt,
            Map<String, Long> sentAtStart) {
        public Running {
            spans = List.copyOf(spans);
            replicas = List.copyOf(replicas);
            sentAtStart = sentAtStart == null ? Map.of() : Map.copyOf(sentAtStart);
        }
    }

    /** Spans of a table whose last session failed, {@code attempts} times so far, and why. */
    public record Failure(String table, List<TokenSpan> spans, int attempts, String reason, Instant failedAt) {
        public Failure {
            spans = List.copyOf(spans);
        }

        boolean overlaps(String otherTable, List<TokenSpan> others) {
            return table.equals(otherTable) && RepairLedger.overlap(spans, others);
        }
    }

    public TokenSpans repairedOf(String table) {
        return repaired.getOrDefault(table, TokenSpans.NONE);
    }

    public RepairLedger started(Running session) {
        List<Running> now = new ArrayList<>(running);
        now.add(session);
        return new RepairLedger(repaired, now, failures, restingUntil);
    }

    /**
     * The session completed: its spans are repaired, earlier failures of them forgotten, and its
     * replicas rest for as long as intensity asks ({@link #rest}).
     */
    public RepairLedger succeeded(Running session, Instant finishedAt, double intensity) {
        Map<String, TokenSpans> done = new LinkedHashMap<>(repaired);
        done.put(session.table(), repairedOf(session.table()).plus(session.spans()));
        List<Failure> left = failures.stream()
                .filter(f -> !f.overlaps(session.table(), session.spans()))
                .toList();
        return new RepairLedger(done, without(session), left, rested(session, finishedAt, intensity));
    }

    /** The session failed (or was lost): its spans are a failure, with one more attempt counted. */
    public RepairLedger failed(Running session, String reason, Instant failedAt) {
        List<Failure> now = new ArrayList<>(failures.stream()
                .filter(f -> !f.overlaps(session.table(), session.spans()))
                .toList());
        now.add(new Failure(session.table(), session.spans(), session.attempt(), reason, failedAt));
        return new RepairLedger(repaired, without(session), now, restingUntil);
    }

    /** The running entry of a job whose id the agent gave late (the operator recorded it before asking). */
    public RepairLedger withJob(Running session, String job) {
        List<Running> now = new ArrayList<>(running);
        int at = now.indexOf(session);
        if (at >= 0) {
            Running r = now.get(at);
            now.set(
                    at,
                    new Running(
                            r.table(),
                            r.spans(),
                            r.replicas(),
                            r.coordinator(),
                            job,
                            r.startedAt(),
                            r.attempt(),
                            r.sentAtStart()));
        }
        return new RepairLedger(repaired, now, failures, restingUntil);
    }

    /**
     * How long a node rests after a session of {@code took}: with intensity {@code i} a node
     * repairs for a share {@code i} of the time, so it rests {@code took × (1 − i) / i}.
     */
    public static Duration rest(Duration took, double intensity) {
        if (intensity >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) (took.toMillis() * (1 - intensity) / intensity));
    }

    private Map<String, Instant> rested(Running session, Instant finishedAt, double intensity) {
        Map<String, Instant> resting = new LinkedHashMap<>();
        restingUntil.forEach((pod, until) -> {
            if (until.isAfter(finishedAt)) {
                resting.put(pod, until);
            }
        });
        Duration rest = rest(Duration.between(session.startedAt(), finishedAt), intensity);
        if (!rest.isZero()) {
            for (String pod : session.replicas()) {
                resting.merge(pod, finishedAt.plus(rest), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return resting;
    }

    private List<Running> without(Running session) {
        return running.stream().filter(r -> !r.equals(session)).toList();
    }

    static boolean overlap(List<TokenSpan> a, List<TokenSpan> b) {
        for (TokenSpan x : a) {
            for (TokenSpan y : b) {
                if (x.start() < y.end() && y.start() < x.end()) {
                    return true;
                }
            }
        }
        return false;
    }
}
