package dev.cassini.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A headline and a line per node, each printed again only when it changed, so a long transfer
 * does not scroll the terminal away; every line prefixed with the seconds since the start.
 */
final class ChangedLines {
    private String lastHeadline;
    private final Map<String, String> lastNodeLines = new HashMap<>();

    /**
     * @param nodeLines each node's line by pod, in the order to print them
     * @return the lines that changed since the previous call
     */
    List<String> next(Duration elapsed, String headline, Map<String, String> nodeLines) {
        List<String> changed = new ArrayList<>();
        String prefix = String.format(Locale.ROOT, "[%4ds] ", elapsed.getSeconds());
        if (!headline.equals(lastHeadline)) {
            changed.add(prefix + headline);
            lastHeadline = headline;
        }
        nodeLines.forEach((pod, line) -> {
            if (!line.equals(lastNodeLines.put(pod, line))) {
                changed.add(prefix + "  " + line);
            }
        });
        return changed;
    }

    /** {@code pod (dc/rack): State}, how every node line starts. */
    static StringBuilder node(String pod, String datacenter, String rack, String state) {
        return new StringBuilder(pod)
                .append(" (")
                .append(datacenter)
                .append('/')
                .append(rack)
                .append("): ")
                .append(state == null ? JobPhase.PENDING : state);
    }
}
