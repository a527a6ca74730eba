package dev.cassini.agent.config;

import java.util.List;

/** The node configuration has one or more problems; each message says what is wrong and what to set. */
public final class InvalidNodeConfigException extends Exception {
    private final List<String> problems;

    public InvalidNodeConfigException(List<String> problems) {
        super("invalid node configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
