package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import dev.cassini.api.v1alpha1.NodeRestoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cassini restore create} prints while it waits: a line for the restore (phase, step,
 * bytes downloaded) and one per node, each printed again only when it changed. No Kubernetes calls:
 * the command hands it every status it reads.
 */
final class RestoreProgressLines implements JobResource.Progress<CassandraRestoreStatus> {
    private final ChangedLines lines = new ChangedLines();
    private final Map<String, String> keyspaceMapping;

    RestoreProgressLines() {
        this(null);
    }

    /** @param keyspaceMapping the restore's spec.keyspaceMapping, so the last words say where the rows went */
    RestoreProgressLines(Map<String, String> keyspaceMapping) {
        this.keyspaceMapping = keyspaceMapping == null ? Map.of() : Map.copyOf(keyspaceMapping);
    }

    @Override
    public List<String> next(CassandraRestoreStatus status, Duration elapsed) {
        Map<String, String> nodeLines = new LinkedHashMap<>();
        if (status != null && status.getNodes() != null) {
            status.getNodes().forEach(node -> nodeLines.put(node.getPod(), node(node)));
        }
        return lines.next(elapsed, headline(status, elapsed), nodeLines);
    }

    @Override
    public String phase(CassandraRestoreStatus status) {
        return status == null ? null : status.getPhase();
    }

    static String headline(CassandraRestoreStatus status, Duration elapsed) {
        if (status == null || status.getPhase() == null) {
            return JobPhase.waitingForOperator("restore", elapsed);
        }
        String phase = status.getPhase();
        List<NodeRestoreStatus> nodes = status.getNodes() == null ? List.of() : status.getNodes();
        if (JobPhase.RUNNING.equals(phase)) {
            StringBuilder line = new StringBuilder("Running: ").append(step(status.getStep()));
            if (!nodes.isEmpty()) {
                long done = nodes.stream()
                        .filter(n -> JobPhase.SUCCEEDED.equals(n.getState()))
                        .count();
                line.append(", ")
                        .append(done)
                        .append(" of ")
                        .append(nodes.size())
                        .append(" nodes done");
            }
            if (status.getTotalBytes() != null) {
                line.append(", ").append(downloaded(status.getDownloadedBytes(), status.getTotalBytes()));
            }
            return line.toString();
        }
        if (JobPhase.SUCCEEDED.equals(phase)) {
            return "Succeeded: " + tables(status.getTables()) + " restored on " + nodes.size() + " nodes, "
                    + HumanUnits.bytes(status.getDownloadedBytes()) + " downloaded";
        }
        return status.getMessage() == null ? phase : phase + ": " + status.getMessage();
    }

    /** A step with its number and what it means for the tables, which is what a person watching wants to know. */
    static String step(String step) {
        if (step == null) {
            return "starting";
        }
        return switch (step) {
            case "Download" -> "Download (step 1 of 3; the tables still serve as they are)";
            case "Truncate" -> "Truncate (step 2 of 3; the tables are emptied)";
            case "Import" -> "Import (step 3 of 3; the downloaded files go into the tables)";
            case "Stream" -> "Stream (last step; each backed-up node's files go to the nodes that replicate them now)";
            default -> step;
        };
    }

    /** One node: where it is, the state of its current step, what it downloaded, and what it says. */
    static String node(NodeRestoreStatus node) {
        StringBuilder line = ChangedLines.node(node.getPod(), node.getDatacenter(), node.getRack(), node.getState());
        if (node.getTotalBytes() != null) {
            line.append(", ");
            if (node.getFiles() != null) {
                line.append(node.getFiles()).append(" files, ");
            }
            line.append(downloaded(node.getDownloadedBytes(), node.getTotalBytes()));
        }
        if (node.getBytesPerSecond() != null) {
            line.append(", ").append(HumanUnits.bytes(node.getBytesPerSecond())).append("/s");
            if (node.getEtaSeconds() != null && node.getEtaSeconds() > 0 && "Running".equals(node.getState())) {
                line.append(", about ")
                        .append(HumanUnits.duration(java.time.Duration.ofSeconds(node.getEtaSeconds())))
                        .append(" left");
            }
        }
        if (node.getMessage() != null) {
            line.append(" - ").append(node.getMessage());
        }
        return line.toString();
    }

    /** 1.2 GiB of 3.5 GiB downloaded. */
    static String downloaded(Long downloaded, Long total) {
        return HumanUnits.bytes(downloaded == null ? 0L : downloaded) + " of " + HumanUnits.bytes(total)
                + " downloaded";
    }

    static String tables(List<String> tables) {
        if (tables == null || tables.isEmpty()) {
            return "the chosen tables";
        }
        return (tables.size() == 1 ? "1 table (" : tables.size() + " tables (") + String.join(", ", tables) + ")";
    }

    /** The last words: which tables now hold the backup's rows, or the operator's word on what state they are in. */
    @Override
    public String outcome(String name, String namespace, CassandraRestoreStatus status, Instant now) {
        if (JobPhase.SUCCEEDED.equals(status.getPhase())) {
            List<String> tables = status.getTables() == null ? List.of() : status.getTables();
            String backup = status.getBackupId() == null ? HumanUnits.UNKNOWN : status.getBackupId();
            String took = HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now);
            List<String> into = tables.stream()
                    .filter(t -> keyspaceMapping.containsKey(t.substring(0, t.indexOf('.'))))
                    .map(t -> keyspaceMapping.get(t.substring(0, t.indexOf('.'))) + t.substring(t.indexOf('.')))
                    .toList();
            if (!into.isEmpty()) {
                return "Restore " + name + " succeeded in " + took + ": " + tables(into)
                        + (into.size() == 1 ? " holds" : " hold") + " the rows " + tables(tables)
                        + " had in backup " + backup + ".\n";
            }
            return "Restore " + name + " succeeded in " + took + ": " + tables(status.getTables())
                    + (tables.size() == 1 ? " holds" : " hold") + " the rows of backup " + backup + " again.\n";
        }
        return JobResource.RESTORES.failed(name, namespace, status.getMessage());
    }
}
