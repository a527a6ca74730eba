package dev.cassini.model.plan;

/** A ring member as status shows it: nodetool's two letters (UN, DN, UJ, ...) and its token count. */
public record RingEntry(String state, int tokens) {}
