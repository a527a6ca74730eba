package dev.cassini.model.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The next step of one maintenance task (cleanup, compact, upgradesstables, scrub, garbagecollect,
 * flush, clearsnapshot, rebuild, restart) over its nodes, in the order given (datacenter, rack,
 * pod). One node at a time by default, as an SRE runs {@code nodetool} node by node to keep the
 * extra load on one replica of each range; per rack, every node of one rack at once (a rack holds
 * one replica of each range when racks ≥ RF). A node whose job failed is tried again up to {@code
 * maxAttempts} times, then the task fails naming it. What needs the ring whole waits, and says so:
 * a restart or a scrub while another node is down (a scrub that drops corrupt rows is repaired
 * from the other replicas), and any command on a node that does not serve.
 */
public final class TaskPlan {
    private TaskPlan() {}

    /** What the task runs on each node. */
    public enum Command {
        Cleanup,
        Compact,
        UpgradeSSTables,
        Scrub,
        GarbageCollect,
        Flush,
        ClearSnapshot,
        Rebuild,
        Restart;

        /** Whether every other node must be up first. */
        boolean needsEveryNodeUp() {
            return this == Scrub || this == Restart || this == Rebuild || this == Cleanup;
        }
    }

    /** How many nodes at once. */
    public enum Concurrency {
        OneAtATime,
        PerRack
    }

    /** A node's part, as status and its agent tell it. */
    public enum State {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Its job is gone (the agent restarted): run again, counted as an attempt. */
        LOST
    }

    /**
     * A node the task runs on.
     *
     * @param notServing why the node cannot take its part now; empty when it can
     * @param detail what the node's job said last
     */
    public record Node(
            String pod,
            String datacenter,
            String rack,
            State state,
            int attempts,
            Optional<String> notServing,
            String detail) {}

    /** What to do. */
    public sealed interface Step {
        String reason();
    }

    public record Start(List<String> pods, String reason) implements Step {
        public Start {
            pods = List.copyOf(pods);
        }
    }

    public record Wait(String reason) implements Step {}

    public record Fail(String reason) implements Step {}

    public record Complete(String reason) implements Step {}

    /**
     * @param targets the task's nodes, in order
     * @param downElsewhere nodes of the cluster outside the targets that are down, with why
     */
    public static Step next(
            Command command,
            Concurrency concurrency,
            int maxAttempts,
            List<Node> targets,
            Map<String, String> downElsewhere) {
        if (targets.isEmpty()) {
            return new Fail("no node matches the task's datacenters, racks and pods");
        }
        List<Node> givenUp = targets.stream()
                .filter(n -> (n.state() == State.FAILED || n.state() == State.LOST) && n.attempts() >= maxAttempts)
                .toList();
        if (!givenUp.isEmpty()) {
            return new Fail(givenUp.stream()
                    .map(n -> n.pod() + " failed " + n.attempts() + " time(s): " + n.detail())
                    .collect(Collectors.joining("; ")));
        }
        List<Node> running =
                targets.stream().filter(n -> n.state() == State.RUNNING).toList();
        List<Node> open = targets.stream()
                .filter(n -> n.state() != State.SUCCEEDED && n.state() != State.RUNNING)
                .toList();
        if (open.isEmpty() && running.isEmpty()) {
            return new Complete(command + " done on " + targets.size() + " node(s)");
        }
        if (open.isEmpty() || (concurrency == Concurrency.OneAtATime && !running.isEmpty())) {
            return new Wait(command + " running on " + pods(running) + "; " + open.size() + " more to go");
        }
        List<Node> batch = new ArrayList<>();
        if (concurrency == Concurrency.OneAtATime) {
            batch.add(open.get(0));
        } else {
            Map<String, List<Node>> byRack = new LinkedHashMap<>();
            open.forEach(n -> byRack.computeIfAbsent(n.datacenter() + "/" + n.rack(), r -> new ArrayList<>())
                    .add(n));
            String rack = byRack.keySet().iterator().next();
            boolean otherRackRunning = running.stream().anyMatch(n -> !(n.datacenter() + "/" + n.rack()).equals(rack));
            if (otherRackRunning) {
                return new Wait(command + " running on " + pods(running) + " (rack by rack)");
            }
            batch.addAll(byRack.get(rack));
        }
        Map<String, String> down = new LinkedHashMap<>(downElsewhere);
        for (Node n : targets) {
            n.notServing().ifPresent(why -> down.put(n.pod(), why));
        }
        for (Node n : batch) {
            if (n.notServing().isPresent()) {
                return new Wait("waiting for " + n.pod() + " to serve ("
                        + n.notServing().get() + ") to run " + command + " on it");
            }
        }
        if (command.needsEveryNodeUp()) {
            List<String> others = down.keySet().stream()
                    .filter(p -> batch.stream().noneMatch(b -> b.pod().equals(p)))
                    .toList();
            if (!others.isEmpty()) {
                return new Wait(command + " refused while "
                        + others.stream().map(p -> p + " (" + down.get(p) + ")").collect(Collectors.joining(", "))
                        + (others.size() == 1 ? " is" : " are") + " down: it "
                        + (command == Command.Restart
                                ? "would take a second replica of some ranges away"
                                : "needs every replica")
                        + "; it starts once every node serves");
            }
        }
        return new Start(
                batch.stream().map(Node::pod).toList(),
                command + " on " + pods(batch)
                        + batch.stream()
                                .filter(n -> n.attempts() > 0)
                                .map(n -> " (" + n.pod() + " attempt " + (n.attempts() + 1) + ")")
                                .collect(Collectors.joining()));
    }

    private static String pods(List<Node> nodes) {
        return nodes.stream().map(Node::pod).collect(Collectors.joining(", "));
    }
}
