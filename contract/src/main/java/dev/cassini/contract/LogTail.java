package dev.cassini.contract;

import java.util.List;

/** {@code GET /api/v1/logs}: the last lines of one of the node's logs ({@code system} or {@code output}). */
public record LogTail(String log, List<String> lines) {
    public LogTail {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
