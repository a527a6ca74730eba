package dev.cassini.model;

/**
 * One node's place in the desired layout: its datacenter, rack, StatefulSet ordinal, pod name,
 * and its position in the datacenter's rack-interleaved order (which fixes its tokens).
 */
public record NodeSlot(String datacenter, String rack, int ordinal, String pod, int interleavedIndex) {}
