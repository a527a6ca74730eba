package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.ExternalDatacenterSpec;
import dev.cassini.api.v1alpha1.RebuildStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code cassini migrate status} prints: where a move stands, from the resource's status
 * alone (phase and step, each datacenter's join conditions, each node's rebuild with bytes, rate
 * and time left, and the external datacenters).
 */
final class MigrationStatusText {
    private MigrationStatusText() {}

    static String render(CassandraCluster cluster) {
        StringBuilder out = new StringBuilder();
        CassandraClusterStatus status = cluster.getStatus();
        String name = cluster.getMetadata().getName();
        if (status == null) {
            return name + ": no status yet (is the operator running?)\n";
        }
        out.append(name)
                .append(": ")
                .append(status.getPhase() == null ? "no phase" : status.getPhase())
                .append(", ")
                .append(status.getReady() == null ? "-" : status.getReady())
                .append(" nodes ready\n  step: ")
                .append(status.getStep() == null ? "-" : status.getStep())
                .append('\n');
        List<ExternalDatacenterSpec> external =
                cluster.getSpec() == null || cluster.getSpec().getExternalDatacenters() == null
                        ? List.of()
                        : cluster.getSpec().getExternalDatacenters();
        if (!external.isEmpty()) {
            out.append("  external: ")
                    .append(external.stream()
                            .map(x -> x.getName() + (x.isLeaving() ? " (leaving)" : ""))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (status.getDatacenters() == null || status.getDatacenters().isEmpty()) {
            out.append("  no datacenter of this resource in status\n");
            return out.toString();
        }
        for (DatacenterStatus dc : status.getDatacenters()) {
            out.append("datacenter ")
                    .append(dc.getName())
                    .append(": ")
                    .append(dc.getReadyNodes() == null ? 0 : dc.getReadyNodes())
                    .append('/')
                    .append(dc.getDesiredNodes() == null ? 0 : dc.getDesiredNodes())
                    .append(" ready");
            if (dc.getConditions() != null && !dc.getConditions().isEmpty()) {
                out.append("; ")
                        .append(dc.getConditions().stream()
                                .map(MigrationStatusText::condition)
                                .collect(Collectors.joining(", ")));
            }
            out.append('\n');
            if (dc.getRebuilds() != null && !dc.getRebuilds().isEmpty()) {
                TextTable rebuilds = new TextTable("POD", "REBUILD", "RECEIVED", "RATE", "LEFT");
                dc.getRebuilds()
                        .forEach(r -> rebuilds.row(
                                r.getPod(),
                                r.getState() == null ? HumanUnits.UNKNOWN : r.getState(),
                                received(r),
                                r.getBytesPerSecond() == null
                                        ? HumanUnits.UNKNOWN
                                        : HumanUnits.bytes(r.getBytesPerSecond()) + "/s",
                                r.getEtaSeconds() == null
                                        ? HumanUnits.UNKNOWN
                                        : HumanUnits.duration(Duration.ofSeconds(r.getEtaSeconds()))));
                rebuilds.render()
                        .lines()
                        .forEach(line -> out.append("  ").append(line).append('\n'));
                dc.getRebuilds().stream()
                        .filter(r -> r.getDetail() != null && !r.getDetail().isBlank())
                        .forEach(r -> out.append("  ")
                                .append(r.getPod())
                                .append(": ")
                                .append(r.getDetail())
                                .append('\n'));
            }
        }
        return out.toString();
    }

    /** "Rebuilt=True" and, when not true, why. */
    private static String condition(Condition c) {
        String text = c.getType() + "=" + c.getStatus();
        if (!"True".equals(c.getStatus())
                && c.getMessage() != null
                && !c.getMessage().isBlank()) {
            text += " (" + c.getMessage() + ")";
        }
        return text;
    }

    /** "12.0 KiB of 30.0 KiB", or what is known of it. */
    private static String received(RebuildStatus r) {
        if (r.getReceivedBytes() == null) {
            return HumanUnits.UNKNOWN;
        }
        return HumanUnits.bytes(r.getReceivedBytes())
                + (r.getTotalBytes() == null ? "" : " of " + HumanUnits.bytes(r.getTotalBytes()));
    }
}
