package dev.cassini.cli;

import dev.cassini.model.migration.MigrationPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What {@code cassini migrate plan} prints: the ring, the move, the clients, then the blockers. */
final class MigrationPlanText {
    private MigrationPlanText() {}

    static String render(MigrationPlan.Survey survey, MigrationPlan.Target target, MigrationPlan.Result result) {
        StringBuilder out = new StringBuilder();
        out.append("Ring '")
                .append(survey.clusterName())
                .append("' as ")
                .append(survey.seed())
                .append(" sees it (snitch ")
                .append(survey.snitch())
                .append(")\n");
        survey.byDatacenter()
                .forEach((dc, nodes) -> out.append("  datacenter ")
                        .append(dc)
                        .append(": ")
                        .append(datacenterLine(nodes))
                        .append('\n'));

        out.append("\nDatacenter ")
                .append(target.datacenter())
                .append(" joins with ")
                .append(target.size())
                .append(target.size() == 1 ? " node" : " nodes")
                .append(", rebuilt from ")
                .append(target.source())
                .append(":\n");
        TextTable keyspaces = new TextTable("KEYSPACE", "REPLICATION", "ONE COPY", "REPLICAS THERE", "TO STREAM");
        result.keyspaces()
                .forEach(k -> keyspaces.row(
                        k.keyspace(),
                        replication(k.replication()),
                        HumanUnits.bytes(k.oneCopyBytes()),
                        Integer.toString(k.factor()),
                        HumanUnits.bytes(k.bytesToStream())));
        if (keyspaces.isEmpty()) {
            out.append("  no keyspace gets replicas there (join.replication names none)\n");
        } else {
            keyspaces
                    .render()
                    .lines()
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
        out.append("  to stream: ")
                .append(HumanUnits.bytes(result.bytesToStream()))
                .append("; each new node receives about ")
                .append(HumanUnits.bytes(result.bytesPerNewNode()))
                .append(" and needs about ")
                .append(HumanUnits.bytes(result.diskNeededPerNode()))
                .append(" free while it rebuilds");
        target.storageBytes()
                .ifPresent(bytes -> out.append(" (its volume: ")
                        .append(HumanUnits.bytes(bytes))
                        .append(')'));
        out.append('\n');
        if (result.secondsAtCap().isPresent()) {
            out.append("  time: at least ")
                    .append(HumanUnits.duration(
                            Duration.ofSeconds(result.secondsAtCap().getAsLong())))
                    .append(" at the source nodes' stream_throughput_outbound, ")
                    .append(HumanUnits.bytes(result.streamCapBytesPerSecond().getAsLong()))
                    .append("/s together\n");
        } else {
            out.append("  time: no stream cap to estimate from (stream_throughput_outbound is 0 or unreadable"
                    + " on a source node): the network and disks decide\n");
        }
        out.append("  (sizes are Cassandra's estimates, refreshed every few minutes; the operator reports the"
                + " real bytes, rate and ETA of each rebuild in status)\n");

        out.append("\nClients: ");
        if (result.clients().isEmpty()) {
            out.append("no application is connected");
        } else {
            Map<String, List<MigrationPlan.Client>> byDc = new TreeMap<>(
                    result.clients().stream().collect(Collectors.groupingBy(MigrationPlan.Client::datacenter)));
            out.append(byDc.entrySet().stream()
                    .map(e -> e.getValue().size() + " application connection"
                            + (e.getValue().size() == 1 ? "" : "s")
                            + " in " + e.getKey() + " ("
                            + e.getValue().stream()
                                    .map(c -> c.connection().address() + " to " + c.node() + " as "
                                            + c.connection().username()
                                            + (c.connection().applicationName() == null
                                                    ? ""
                                                    : " (" + c.connection().applicationName() + ")"))
                                    .distinct()
                                    .collect(Collectors.joining(", "))
                            + ")")
                    .collect(Collectors.joining("; ")));
            out.append(". Move them to ")
                    .append(target.datacenter())
                    .append(" once it is Rebuilt, before the old datacenter leaves");
        }
        if (!result.unreadableClients().isEmpty()) {
            out.append("; not readable on ").append(String.join(", ", result.unreadableClients()));
        }
        out.append('\n');

        if (result.blockers().isEmpty()) {
            out.append("\nNothing stands in the way.\n");
        } else {
            out.append("\nBlocked (").append(result.blockers().size()).append("); change these, then plan again:\n");
            result.blockers().forEach(b -> out.append("  - ").append(b).append('\n'));
        }
        return out.toString();
    }

    /** "3 nodes, 3 up; racks r1, r2, r3; Cassandra 5.0.6; 16 tokens per node". */
    private static String datacenterLine(List<MigrationPlan.SurveyedNode> nodes) {
        long up = nodes.stream().filter(MigrationPlan.SurveyedNode::up).count();
        TreeSet<String> racks = new TreeSet<>();
        TreeSet<String> releases = new TreeSet<>();
        TreeSet<Integer> tokens = new TreeSet<>();
        nodes.forEach(n -> {
            if (n.rack() != null) {
                racks.add(n.rack());
            }
            if (n.release() != null) {
                releases.add(n.release());
            }
            tokens.add(n.tokens());
        });
        String downNodes = nodes.stream()
                .filter(n -> !n.up())
                .map(MigrationPlan.SurveyedNode::address)
                .collect(Collectors.joining(", "));
        return nodes.size() + (nodes.size() == 1 ? " node, " : " nodes, ") + up + " up"
                + (downNodes.isEmpty() ? "" : " (down: " + downNodes + ")")
                + "; racks " + String.join(", ", racks)
                + "; Cassandra " + String.join(", ", releases)
                + "; " + tokens.stream().map(String::valueOf).collect(Collectors.joining(" or "))
                + " tokens per node";
    }

    /** {legacy: 3} for NetworkTopologyStrategy, SimpleStrategy 2, LocalStrategy. */
    private static String replication(Map<String, String> replication) {
        String strategy = replication.getOrDefault("class", "");
        strategy = strategy.substring(strategy.lastIndexOf('.') + 1);
        if (strategy.equals("SimpleStrategy")) {
            return "SimpleStrategy " + replication.getOrDefault("replication_factor", "?");
        }
        return new TreeMap<>(replication)
                .entrySet().stream()
                        .filter(e -> !e.getKey().equals("class"))
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
    }
}
