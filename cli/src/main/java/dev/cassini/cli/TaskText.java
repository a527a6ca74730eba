package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.CassandraTaskStatus;
import dev.cassini.api.v1alpha1.NodeTaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code cassini task} prints: a line per node while following, the list, one task's page. No Kubernetes calls. */
final class TaskText implements JobResource.Progress<CassandraTaskStatus> {
    private final ChangedLines lines = new ChangedLines();

    @Override
    public List<String> next(CassandraTaskStatus status, Duration elapsed) {
        Map<String, String> nodes = new LinkedHashMap<>();
        if (status != null && status.getNodes() != null) {
            status.getNodes().forEach(n -> nodes.put(n.getPod(), node(n)));
        }
        String headline = status == null || status.getPhase() == null
                ? JobPhase.waitingForOperator("task", elapsed)
                : status.getPhase()
                        + (status.getProgress() == null ? "" : " (" + status.getProgress() + " nodes)")
                        + (status.getMessage() == null ? "" : ": " + status.getMessage());
        return lines.next(elapsed, headline, nodes);
    }

    @Override
    public String phase(CassandraTaskStatus status) {
        return status == null ? null : status.getPhase();
    }

    static String node(NodeTaskStatus n) {
        StringBuilder line = ChangedLines.node(n.getPod(), n.getDatacenter(), n.getRack(), n.getState());
        if (n.getAttempts() != null && n.getAttempts() > 1) {
            line.append(", attempt ").append(n.getAttempts());
        }
        if (n.getMessage() != null) {
            line.append(" - ").append(n.getMessage());
        }
        return line.toString();
    }

    @Override
    public String outcome(String name, String namespace, CassandraTaskStatus status, Instant now) {
        String took = HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now);
        if (JobPhase.SUCCEEDED.equals(status.getPhase())) {
            return "Task " + name + " succeeded in " + took + ": " + status.getMessage() + ".\n";
        }
        return "Task " + name + " failed: " + status.getMessage() + "\n" + "Per node: cassini task describe " + name
                + " -n " + namespace + "\n";
    }

    static String list(List<CassandraTask> tasks, Instant now) {
        TextTable table = new TextTable("NAME", "CLUSTER", "COMMAND", "STATUS", "NODES", "DURATION");
        for (CassandraTask t : tasks) {
            CassandraTaskStatus s = t.getStatus();
            table.row(
                    t.getMetadata().getName(),
                    t.getSpec().getCluster(),
                    String.valueOf(t.getSpec().getCommand()),
                    s == null || s.getPhase() == null ? JobPhase.PENDING : s.getPhase(),
                    s == null || s.getProgress() == null ? HumanUnits.UNKNOWN : s.getProgress(),
                    s == null || s.getStartTime() == null
                            ? HumanUnits.UNKNOWN
                            : HumanUnits.elapsed(s.getStartTime(), s.getCompletionTime(), now));
        }
        return table.render();
    }

    static String describe(CassandraTask task, Instant now, ZoneId zone) {
        CassandraTaskStatus s = task.getStatus() == null ? new CassandraTaskStatus() : task.getStatus();
        StringBuilder out = new StringBuilder();
        out.append("Name:        ").append(task.getMetadata().getName()).append('\n');
        out.append("Cluster:     ").append(task.getSpec().getCluster()).append('\n');
        out.append("Command:     ")
                .append(task.getSpec().getCommand())
                .append(", ")
                .append(task.getSpec().getConcurrency())
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
        if (s.getNodes() != null && !s.getNodes().isEmpty()) {
            TextTable nodes = new TextTable("POD", "DATACENTER", "RACK", "STATE", "ATTEMPTS", "MESSAGE");
            for (NodeTaskStatus n : s.getNodes()) {
                nodes.row(
                        n.getPod(),
                        n.getDatacenter(),
                        n.getRack(),
                        n.getState() == null ? JobPhase.PENDING : n.getState(),
                        String.valueOf(n.getAttempts() == null ? 0 : n.getAttempts()),
                        n.getMessage() == null ? "" : n.getMessage());
            }
            out.append('\n').append(nodes.render());
        }
        return out.toString();
    }
}
