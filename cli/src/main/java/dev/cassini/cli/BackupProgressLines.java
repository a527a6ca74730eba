package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cassini backup create} prints while it waits: a line for the backup and one per node,
 * each printed again only when it changed, so a long upload does not scroll the terminal away.
 * No Kubernetes calls: the command hands it every status it reads.
 */
final class BackupProgressLines implements JobResource.Progress<CassandraBackupStatus> {
    private final ChangedLines lines = new ChangedLines();

    /** The lines that changed since the previous call, each prefixed with the seconds since the start. */
    @Override
    public List<String> next(CassandraBackupStatus status, Duration elapsed) {
        Map<String, String> nodeLines = new LinkedHashMap<>();
        if (status != null && status.getNodes() != null) {
            status.getNodes().forEach(node -> nodeLines.put(node.getPod(), node(node)));
        }
        return lines.next(elapsed, headline(status, elapsed), nodeLines);
    }

    @Override
    public String phase(CassandraBackupStatus status) {
        return status == null ? null : status.getPhase();
    }

    static String headline(CassandraBackupStatus status, Duration elapsed) {
        if (status == null || status.getPhase() == null) {
            return JobPhase.waitingForOperator("backup", elapsed);
        }
        String phase = status.getPhase();
        if (JobPhase.RUNNING.equals(phase)) {
            List<NodeBackupStatus> nodes = status.getNodes() == null ? List.of() : status.getNodes();
            long done = nodes.stream()
                    .filter(n -> JobPhase.SUCCEEDED.equals(n.getState()))
                    .count();
            String line = "Running: " + done + " of " + nodes.size() + " nodes done";
            if (status.getTotalBytes() != null) {
                line += ", " + HumanUnits.bytes(status.getTotalBytes()) + " of data so far, "
                        + HumanUnits.bytes(status.getUploadedBytes()) + " uploaded";
            }
            return line;
        }
        if (JobPhase.SUCCEEDED.equals(phase)) {
            return "Succeeded: "
                    + (status.getNodes() == null ? 0 : status.getNodes().size()) + " nodes, "
                    + figures(status.getTotalBytes(), status.getUploadedBytes(), status.getReusedBytes());
        }
        return status.getMessage() == null ? phase : phase + ": " + status.getMessage();
    }

    /** One node: where it is, its state, and what it stored or what it says. */
    static String node(NodeBackupStatus node) {
        StringBuilder line = ChangedLines.node(node.getPod(), node.getDatacenter(), node.getRack(), node.getState());
        if (node.getTotalBytes() != null) {
            line.append(", ");
            if (node.getFiles() != null) {
                line.append(node.getFiles()).append(" files, ");
            }
            line.append(figures(node.getTotalBytes(), node.getUploadedBytes(), node.getReusedBytes()));
        }
        // A finished node's message repeats its figures; the others' say what it does or why it failed.
        boolean figuresSayItAll = JobPhase.SUCCEEDED.equals(node.getState()) && node.getTotalBytes() != null;
        if (node.getMessage() != null && !figuresSayItAll) {
            line.append(" - ").append(node.getMessage());
        }
        return line.toString();
    }

    private static String figures(Long total, Long uploaded, Long reused) {
        return HumanUnits.bytes(total) + " of data, " + HumanUnits.bytes(uploaded) + " uploaded, "
                + HumanUnits.bytes(reused) + " already in the bucket";
    }

    /** The last words once the backup finished: what it holds and where, or why it failed and where to look. */
    @Override
    public String outcome(String name, String namespace, CassandraBackupStatus status, Instant now) {
        if (JobPhase.SUCCEEDED.equals(status.getPhase())) {
            return "Backup " + name + " succeeded in "
                    + HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now) + ": "
                    + HumanUnits.bytes(status.getTotalBytes()) + " of data from "
                    + (status.getNodes() == null ? 0 : status.getNodes().size()) + " nodes, "
                    + HumanUnits.bytes(status.getUploadedBytes()) + " uploaded.\n"
                    + "Location: " + (status.getLocation() == null ? HumanUnits.UNKNOWN : status.getLocation())
                    + "\n";
        }
        return JobResource.BACKUPS.failed(name, namespace, status.getMessage());
    }
}
