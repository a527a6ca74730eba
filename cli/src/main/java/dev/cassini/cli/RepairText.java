package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRepairSpec;
import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import dev.cassini.api.v1alpha1.RepairFailureStatus;
import dev.cassini.api.v1alpha1.RepairKeyspaceStatus;
import dev.cassini.api.v1alpha1.RepairSessionStatus;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cassini repair} prints: the line per keyspace while following, the table of {@code
 * list}, the page of {@code describe}, and the last words. No Kubernetes calls.
 */
final class RepairText implements JobResource.Progress<CassandraRepairStatus> {
    static final String SUSPENDED = "Suspended";

    private final ChangedLines lines = new ChangedLines();

    @Override
    public List<String> next(CassandraRepairStatus status, Duration elapsed) {
        Map<String, String> keyspaces = new LinkedHashMap<>();
        if (status != null && status.getKeyspaces() != null) {
            status.getKeyspaces().forEach(k -> keyspaces.put(k.getName(), keyspace(k)));
        }
        return lines.next(elapsed, headline(status, elapsed), keyspaces);
    }

    @Override
    public String phase(CassandraRepairStatus status) {
        return status == null ? null : status.getPhase();
    }

    static String headline(CassandraRepairStatus status, Duration elapsed) {
        if (status == null || status.getPhase() == null) {
            return JobPhase.waitingForOperator("repair", elapsed);
        }
        if (JobPhase.RUNNING.equals(status.getPhase()) && status.getProgress() != null) {
            StringBuilder line = new StringBuilder("Running: ").append(segments(status));
            if (status.getBytesStreamed() != null) {
                line.append(", ")
                        .append(HumanUnits.bytes(status.getBytesStreamed()))
                        .append(" streamed");
            }
            if (status.getEtaSeconds() != null && status.getEtaSeconds() > 0) {
                line.append(", about ")
                        .append(HumanUnits.duration(Duration.ofSeconds(status.getEtaSeconds())))
                        .append(" left");
            }
            int running = status.getRunning() == null ? 0 : status.getRunning().size();
            return line.append(", ")
                    .append(running)
                    .append(" session(s) running")
                    .toString();
        }
        return status.getMessage() == null ? status.getPhase() : status.getPhase() + ": " + status.getMessage();
    }

    /** 12/48 segments (25%). */
    static String segments(CassandraRepairStatus status) {
        Integer done = status.getSegmentsDone();
        Integer total = status.getSegments();
        if (done == null || total == null) {
            return "segments not counted yet";
        }
        return done + "/" + total + " segments" + (total == 0 ? "" : " (" + (100 * done / total) + "%)");
    }

    static String keyspace(RepairKeyspaceStatus k) {
        StringBuilder line = new StringBuilder("keyspace ")
                .append(k.getName())
                .append(": ")
                .append(k.getSegmentsDone() == null ? 0 : k.getSegmentsDone())
                .append('/')
                .append(k.getSegments() == null ? "?" : k.getSegments())
                .append(" segments, ")
                .append(k.getTablesDone() == null ? 0 : k.getTablesDone())
                .append('/')
                .append(k.getTables() == null ? "?" : k.getTables())
                .append(" tables");
        if (k.getBytesStreamed() != null && k.getBytesStreamed() > 0) {
            line.append(", ").append(HumanUnits.bytes(k.getBytesStreamed())).append(" streamed");
        }
        if (k.getCompletionTime() != null) {
            line.append(" - repaired");
        }
        return line.toString();
    }

    @Override
    public String outcome(String name, String namespace, CassandraRepairStatus status, Instant now) {
        String took = HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now);
        if (JobPhase.SUCCEEDED.equals(status.getPhase())) {
            int tables = status.getTables() == null ? 0 : status.getTables().size();
            return "Repair " + name + " succeeded in " + took + ": " + tables + " table(s), "
                    + segments(status) + ", " + HumanUnits.bytes(status.getBytesStreamed())
                    + " streamed between replicas.\n";
        }
        return "Repair " + name + " failed: " + status.getMessage() + "\n"
                + "Details: cassini repair describe " + name + " -n " + namespace + "\n"
                + "Events:  kubectl describe crp " + name + " -n " + namespace + "\n";
    }

    static String list(List<CassandraRepair> repairs, Instant now) {
        TextTable table = new TextTable("NAME", "CLUSTER", "STATUS", "SEGMENTS", "STREAMED", "DURATION");
        for (CassandraRepair r : repairs) {
            CassandraRepairStatus s = r.getStatus();
            table.row(
                    r.getMetadata().getName(),
                    r.getSpec() == null ? HumanUnits.UNKNOWN : r.getSpec().getCluster(),
                    s == null || s.getPhase() == null ? JobPhase.PENDING : s.getPhase(),
                    s == null || s.getProgress() == null ? HumanUnits.UNKNOWN : s.getProgress(),
                    s == null ? HumanUnits.UNKNOWN : HumanUnits.bytes(s.getBytesStreamed()),
                    s == null || s.getStartTime() == null
                            ? HumanUnits.UNKNOWN
                            : HumanUnits.elapsed(s.getStartTime(), s.getCompletionTime(), now));
        }
        return table.render();
    }

    static String describe(CassandraRepair repair, Instant now, ZoneId zone) {
        CassandraRepairSpec spec = repair.getSpec();
        CassandraRepairStatus s = repair.getStatus() == null ? new CassandraRepairStatus() : repair.getStatus();
        StringBuilder out = new StringBuilder();
        out.append("Name:        ").append(repair.getMetadata().getName()).append('\n');
        out.append("Cluster:     ").append(spec.getCluster()).append('\n');
        out.append("Covers:      ").append(what(spec)).append('\n');
        out.append("Settings:    ")
                .append(Boolean.TRUE.equals(spec.getIncremental()) ? "incremental" : "full")
                .append(", intensity ")
                .append(spec.getIntensity())
                .append(", ")
                .append(spec.getParallelism())
                .append(", ")
                .append(spec.getSegmentsPerNode())
                .append(" segments per node")
                .append(spec.getMinSegmentSize() == null ? "" : " (at least " + spec.getMinSegmentSize() + " each)")
                .append(Boolean.TRUE.equals(spec.getSuspend()) ? ", suspended" : "")
                .append('\n');
        out.append("Status:      ")
                .append(s.getPhase() == null ? JobPhase.PENDING : s.getPhase())
                .append(s.getMessage() == null ? "" : " - " + s.getMessage())
                .append('\n');
        if (s.getStartTime() != null) {
            out.append("Started:     ")
                    .append(HumanUnits.time(s.getStartTime(), zone))
                    .append('\n');
            out.append("Duration:    ")
                    .append(HumanUnits.elapsed(s.getStartTime(), s.getCompletionTime(), now))
                    .append('\n');
        }
        if (s.getProgress() != null) {
            out.append("Progress:    ")
                    .append(segments(s))
                    .append(", ")
                    .append(HumanUnits.bytes(s.getBytesStreamed()))
                    .append(" streamed")
                    .append(
                            s.getEtaSeconds() != null && s.getEtaSeconds() > 0
                                    ? ", about " + HumanUnits.duration(Duration.ofSeconds(s.getEtaSeconds())) + " left"
                                    : "")
                    .append('\n');
        }
        if (s.getTables() != null && !s.getTables().isEmpty()) {
            TextTable tables = new TextTable("TABLE", "SIZE", "SEGMENTS", "REPAIRED");
            for (RepairTableStatus t : s.getTables()) {
                tables.row(
                        t.getName(),
                        HumanUnits.bytes(t.getSizeBytes()),
                        (t.getSegmentsDone() == null ? "0" : t.getSegmentsDone()) + "/"
                                + (t.getSegments() == null ? "?" : t.getSegments()),
                        t.getCompletionTime() == null ? "" : HumanUnits.time(t.getCompletionTime(), zone));
            }
            out.append('\n').append(tables.render());
        }
        List<RepairSessionStatus> running = s.getRunning() == null ? List.of() : s.getRunning();
        if (!running.isEmpty()) {
            out.append("\nRunning sessions:\n");
            for (RepairSessionStatus r : running) {
                out.append("  ")
                        .append(r.getTable())
                        .append(" ")
                        .append(String.join(",", r.getRanges()))
                        .append(" on ")
                        .append(r.getCoordinator())
                        .append(" with ")
                        .append(String.join(", ", r.getReplicas()))
                        .append(", attempt ")
                        .append(r.getAttempt())
                        .append('\n');
            }
        }
        List<RepairFailureStatus> failures = s.getFailures() == null ? List.of() : s.getFailures();
        if (!failures.isEmpty()) {
            out.append("\nFailed segments:\n");
            for (RepairFailureStatus f : failures) {
                out.append("  ")
                        .append(f.getTable())
                        .append(" ")
                        .append(String.join(",", f.getRanges()))
                        .append(": ")
                        .append(f.getAttempts())
                        .append(" attempt(s), last: ")
                        .append(f.getReason())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** What the repair covers, in words. */
    static String what(CassandraRepairSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.getKeyspaces() != null && !spec.getKeyspaces().isEmpty()) {
            parts.add((spec.getKeyspaces().size() == 1 ? "keyspace " : "keyspaces ")
                    + String.join(", ", spec.getKeyspaces()));
        }
        if (spec.getTables() != null && !spec.getTables().isEmpty()) {
            parts.add((spec.getTables().size() == 1 ? "table " : "tables ") + String.join(", ", spec.getTables()));
        }
        String what = parts.isEmpty() ? "every keyspace but the system ones" : String.join(" and ", parts);
        if (spec.getDatacenters() != null && !spec.getDatacenters().isEmpty()) {
            what += ", among the replicas in " + String.join(", ", spec.getDatacenters());
        }
        return what;
    }
}
