package dev.cassini.model.repair;

import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import dev.cassini.api.v1alpha1.RepairFailureStatus;
import dev.cassini.api.v1alpha1.RepairSessionStatus;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A repair's {@link RepairLedger} as its status keeps it, and back: repaired spans in each table's
 * entry, running sessions, failures and resting nodes in lists of their own. Status is the only
 * place the ledger lives, so an operator that restarts reads it back from here.
 */
public final class RepairStatusLedger {
    private RepairStatusLedger() {}

    public static RepairLedger read(CassandraRepairStatus status) {
        Map<String, TokenSpans> repaired = new LinkedHashMap<>();
        for (RepairTableStatus table : orEmpty(status.getTables())) {
            TokenSpans spans = TokenSpans.parse(orEmpty(table.getRepaired()));
            if (!spans.isEmpty()) {
                repaired.put(table.getName(), spans);
            }
        }
        List<RepairLedger.Running> running = new ArrayList<>();
        for (RepairSessionStatus s : orEmpty(status.getRunning())) {
            running.add(new RepairLedger.Running(
                    s.getTable(),
                    spans(s.getRanges()),
                    orEmpty(s.getReplicas()),
                    s.getCoordinator(),
                    s.getJob(),
                    Instant.parse(s.getStartTime()),
                    s.getAttempt() == null ? 1 : s.getAttempt(),
                    s.getSentAtStart()));
        }
        List<RepairLedger.Failure> failures = new ArrayList<>();
        for (RepairFailureStatus f : orEmpty(status.getFailures())) {
            failures.add(new RepairLedger.Failure(
                    f.getTable(),
                    spans(f.getRanges()),
                    f.getAttempts() == null ? 1 : f.getAttempts(),
                    f.getReason(),
                    Instant.parse(f.getTime())));
        }
        Map<String, Instant> resting = new LinkedHashMap<>();
        if (status.getRestingUntil() != null) {
            status.getRestingUntil().forEach((pod, until) -> resting.put(pod, Instant.parse(until)));
        }
        return new RepairLedger(repaired, running, failures, resting);
    }

    /** Writes the ledger into status; every table of the ledger must have its entry in status already. */
    public static void write(RepairLedger ledger, CassandraRepairStatus status) {
        for (RepairTableStatus table : orEmpty(status.getTables())) {
            table.setRepaired(ledger.repairedOf(table.getName()).format());
        }
        List<RepairSessionStatus> running = new ArrayList<>();
        for (RepairLedger.Running r : ledger.running()) {
            RepairSessionStatus s = new RepairSessionStatus();
            s.setTable(r.table());
            s.setRanges(format(r.spans()));
            s.setReplicas(r.replicas());
            s.setCoordinator(r.coordinator());
            s.setJob(r.job());
            s.setStartTime(r.startedAt().toString());
            s.setAttempt(r.attempt());
            s.setSentAtStart(r.sentAtStart().isEmpty() ? null : new TreeMap<>(r.sentAtStart()));
            running.add(s);
        }
        status.setRunning(running.isEmpty() ? null : running);
        List<RepairFailureStatus> failures = new ArrayList<>();
        for (RepairLedger.Failure f : ledger.failures()) {
            RepairFailureStatus s = new RepairFailureStatus();
            s.setTable(f.table());
            s.setRanges(format(f.spans()));
            s.setAttempts(f.attempts());
            s.setReason(f.reason());
            s.setTime(f.failedAt().toString());
            failures.add(s);
        }
        status.setFailures(failures.isEmpty() ? null : failures);
        Map<String, String> resting = new TreeMap<>();
        ledger.restingUntil().forEach((pod, until) -> resting.put(pod, until.toString()));
        status.setRestingUntil(resting.isEmpty() ? null : resting);
    }

    private static List<TokenSpan> spans(List<String> ranges) {
        return orEmpty(ranges).stream().map(TokenSpan::parse).toList();
    }

    private static List<String> format(List<TokenSpan> spans) {
        return spans.stream().map(TokenSpan::toString).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
