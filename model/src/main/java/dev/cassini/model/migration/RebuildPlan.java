package dev.cassini.model.migration;

import dev.cassini.model.plan.DiskUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The next step of rebuilding a datacenter that joined a ring: each node streams its ranges'
 * data from the source datacenter ({@code nodetool rebuild}), one node per rack at a time unless a
 * limit says otherwise, so a rack never has two nodes busy streaming and the source is not swamped.
 * Before a node starts, its free disk is checked against what it will receive: a rebuild writes
 * the streamed files before compacting them, so it can need the data's size again as temporary
 * space. A node whose agent restarted runs its rebuild again: Cassandra skips ranges already
 * streamed.
 */
public final class RebuildPlan {
    private RebuildPlan() {}

    /** Where one node's rebuild stands. */
    public enum State {
        NOT_STARTED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Its agent no longer knows the job (it restarted): start again. */
        LOST
    }

    /**
     * A node of the joining datacenter.
     *
     * @param pod its pod
     * @param rack its rack
     * @param state its rebuild's state
     * @param detail what its job last said (the failure's reason when it failed)
     * @param freeBytes what its data volume can still take; null when its agent has not said
     * @param neededBytes what its rebuild is expected to write, temporary files included
     * @param received what its rebuild job has received so far; null when its job does not say
     */
    public record Node(
            String pod, String rack, State state, String detail, Long freeBytes, long neededBytes, Received received) {
        public Node(String pod, String rack, State state, String detail, Long freeBytes, long neededBytes) {
            this(pod, rack, state, detail, freeBytes, neededBytes, null);
        }
    }

    /**
     * What a node's rebuild job has received, as the job measured it.
     *
     * @param totalBytes what the source announced it will send; null while not known
     * @param finishedAt null while the job runs
     */
    public record Received(long bytes, Long totalBytes, java.time.Instant startedAt, java.time.Instant finishedAt) {}

    public sealed interface Step {
        String reason();
    }

    /** Start these nodes' rebuilds. */
    public record Start(List<String> pods, String reason) implements Step {
        public Start {
            pods = List.copyOf(pods);
        }
    }

    /** Nothing to start now. */
    public record Wait(String reason) implements Step {}

    /** A node cannot start: too little disk. Nothing else starts until it can. */
    public record Refuse(String reason) implements Step {}

    /** A rebuild failed: the datacenter stays joined, without its data; the reason says what to do. */
    public record Fail(String reason) implements Step {}

    /** Every node rebuilt: clients may switch to the datacenter. */
    public record Rebuilt(String reason) implements Step {}

    /**
     * @param nodes every node of the joining datacenter
     * @param source the datacenter it rebuilds from
     * @param maxConcurrent how many rebuild at once across racks; 0 for one per rack
     */
    public static Step next(List<Node> nodes, String source, int maxConcurrent) {
        if (nodes.isEmpty()) {
            return new Wait("the datacenter has no node to rebuild yet");
        }
        List<Node> failed =
                nodes.stream().filter(n -> n.state() == State.FAILED).toList();
        if (!failed.isEmpty()) {
            return new Fail("rebuild from " + source + " failed on "
                    + failed.stream()
                            .map(n -> n.pod() + " (" + n.detail() + ")")
                            .collect(Collectors.joining(", "))
                    + "; the datacenter holds part of its data, so keep clients off it. Fix the cause; the rebuild"
                    + " starts again and skips what was streamed");
        }
        if (nodes.stream().allMatch(n -> n.state() == State.SUCCEEDED)) {
            return new Rebuilt("every node of the datacenter rebuilt from " + source + " (" + nodes.size()
                    + " nodes): clients may switch to it");
        }
        Set<String> busyRacks = new HashSet<>();
        int running = 0;
        for (Node n : nodes) {
            if (n.state() == State.RUNNING) {
                busyRacks.add(n.rack());
                running++;
            }
        }
        List<String> start = new ArrayList<>();
        List<String> shortOfDisk = new ArrayList<>();
        for (Node n : nodes) {
            boolean due = n.state() == State.NOT_STARTED || n.state() == State.LOST;
            if (!due || busyRacks.contains(n.rack()) || (maxConcurrent > 0 && running >= maxConcurrent)) {
                continue;
            }
            if (n.freeBytes() == null) {
                continue; // asked again once its agent reports its disk
            }
            if (n.freeBytes() < n.neededBytes()) {
                shortOfDisk.add(n.pod() + " needs " + DiskUsage.format(n.neededBytes()) + " and has "
                        + DiskUsage.format(n.freeBytes()) + " free");
                continue;
            }
            start.add(n.pod());
            busyRacks.add(n.rack());
            running++;
        }
        if (!shortOfDisk.isEmpty()) {
            return new Refuse("not enough disk to rebuild from " + source + ": " + String.join("; ", shortOfDisk)
                    + ". A rebuild writes what it streams before compacting it; grow the datacenter's storage"
                    + " (spec.datacenters[].storage.size)");
        }
        if (!start.isEmpty()) {
            return new Start(start, "rebuilding " + String.join(", ", start) + " from " + source);
        }
        List<String> waiting = nodes.stream()
                .filter(n -> n.state() != State.SUCCEEDED)
                .map(n -> n.pod() + (n.state() == State.RUNNING ? " (rebuilding)" : " (waiting its turn)"))
                .toList();
        return new Wait("rebuild from " + source + ": " + String.join(", ", waiting));
    }
}
