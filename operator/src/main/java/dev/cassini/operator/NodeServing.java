package dev.cassini.operator;

import dev.cassini.contract.NodeReport;
import dev.cassini.contract.NodeState;
import dev.cassini.contract.ProcessState;
import java.util.Optional;

/** Whether a node, by its agent's report, can take part in a repair or a task now. */
final class NodeServing {
    private NodeServing() {}

    /**
     * Why the node does not serve ("its agent does not answer", or its state such as {@code
     * STOPPED}); empty when its Cassandra runs and is NORMAL.
     *
     * @param report the agent's report, null when it did not answer
     */
    static Optional<String> whyNot(NodeReport report) {
        if (report == null) {
            return Optional.of("its agent does not answer");
        }
        if (report.process() != ProcessState.RUNNING || report.state() != NodeState.NORMAL) {
            return Optional.of(String.valueOf(report.state()));
        }
        return Optional.empty();
    }
}
