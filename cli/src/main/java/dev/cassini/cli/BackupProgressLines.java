package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code cassini backup create} prints while it waits: a line for the backup and one per node,
 * each printed again only when it changed, so a long upload does not scroll the terminal away.
 * No Kubernetes calls: the command hands it every status it reads.
 */
final class BackupProgressLines {
    static final String PENDING = "Pending";
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    /** How long without any status before the operator not running is the likely cause. */
    static final Duration OPERATOR_HINT_AFTER = Duration.ofSeconds(30);

    private String lastHeadline;
    private final Map<String, String> lastNodeLines = new HashMap<>();

    /** The lines that changed since the previous call, each prefixed with the seconds since the start. */
    List<String> next(CassandraBackupStatus status, Duration elapsed) {
        List<String> changed = new ArrayList<>();
        String prefix = String.format(Locale.ROOT, "[%4ds] ", elapsed.getSeconds());
        String headline = headline(status, elapsed);
        if (!headline.equals(lastHeadline)) {
            changed.add(prefix + headline);
            lastHeadline = headline;
        }
        if (status != null && status.getNodes() != null) {
            for (NodeBackupStatus node : status.getNodes()) {
                String line = node(node);
                if (!line.equals(lastNodeLines.put(node.getPod(), line))) {
                    changed.add(prefix + "  " + line);
                }
            }
        }
        return changed;
    }

    static boolean finished(CassandraBackupStatus status) {
        return status != null && (SUCCEEDED.equals(status.getPhase()) || FAILED.equals(status.getPhase()));
    }

    static String headline(CassandraBackupStatus status, Duration elapsed) {
        if (status == null || status.getPhase() == null) {
            return elapsed.compareTo(OPERATOR_HINT_AFTER) < 0
                    ? "waiting for the operator to take the backup"
                    : "no word from the operator after " + OPERATOR_HINT_AFTER.getSeconds()
                            + " s: is it running? kubectl get pods -A -l app.kubernetes.io/name=cassini-operator";
        }
        String phase = status.getPhase();
        if (RUNNING.equals(phase)) {
            List<NodeBackupStatus> nodes = status.getNodes() == null ? List.of() : status.getNodes();
            long done =
                    nodes.stream().filter(n -> SUCCEEDED.equals(n.getState())).count();
            String line = "Running: " + done + " of " + nodes.size() + " nodes done";
            if (status.getTotalBytes() != null) {
                line += ", " + HumanUnits.bytes(status.getTotalBytes()) + " of data so far, "
                        + HumanUnits.bytes(status.getUploadedBytes()) + " uploaded";
            }
            return line;
        }
        if (SUCCEEDED.equals(phase)) {
            return "Succeeded: "
                    + (status.getNodes() == null ? 0 : status.getNodes().size()) + " nodes, "
                    + figures(status.getTotalBytes(), status.getUploadedBytes(), status.getReusedBytes());
        }
        return status.getMessage() == null ? phase : phase + ": " + status.getMessage();
    }

    /** One node: where it is, its state, and what it stored or what it says. */
    static String node(NodeBackupStatus node) {
        StringBuilder line = new StringBuilder(node.getPod())
                .append(" (")
                .append(node.getDatacenter())
                .append('/')
                .append(node.getRack())
                .append("): ")
                .append(node.getState() == null ? PENDING : node.getState());
        if (node.getTotalBytes() != null) {
            line.append(", ");
            if (node.getFiles() != null) {
                line.append(node.getFiles()).append(" files, ");
            }
            line.append(figures(node.getTotalBytes(), node.getUploadedBytes(), node.getReusedBytes()));
        }
        // A finished node's message repeats its figures; the others' say what it does or why it failed.
        boolean figuresSayItAll = SUCCEEDED.equals(node.getState()) && node.getTotalBytes() != null;
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
    static String outcome(String name, String namespace, CassandraBackupStatus status, Instant now) {
        if (SUCCEEDED.equals(status.getPhase())) {
            return "Backup " + name + " succeeded in "
                    + HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now) + ": "
                    + HumanUnits.bytes(status.getTotalBytes()) + " of data from "
                    + (status.getNodes() == null ? 0 : status.getNodes().size()) + " nodes, "
                    + HumanUnits.bytes(status.getUploadedBytes()) + " uploaded.\n"
                    + "Location: " + (status.getLocation() == null ? HumanUnits.UNKNOWN : status.getLocation())
                    + "\n";
        }
        return "Backup " + name + " failed: " + status.getMessage() + "\n"
                + "Per node: cassini backup describe " + name + " -n " + namespace + "\n"
                + "Events:   kubectl describe cbk " + name + " -n " + namespace + "\n";
    }

    /** Said on Ctrl-C: the backup is the operator's to finish, the command only watched it. */
    static String stoppedWatching(String name, String namespace) {
        return "\nStopped watching. Backup " + name + " keeps running in the cluster; follow it with:\n"
                + "  cassini backup describe " + name + " -n " + namespace + "\n";
    }
}
