package dev.cassini.agent.metrics;

import java.util.List;
import java.util.Map;

/** A metric family as the official Prometheus parser read it; counters are named without _total, their samples with. */
record ParsedFamily(String name, String type, List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) {}
}
