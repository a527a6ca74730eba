package dev.cassini.contract;

/** Defaults and bounds of a node's settings that both the resource and the agent enforce. */
public final class NodeDefaults {
    private NodeDefaults() {}

    public static final int HEAP_MEGABYTES = 512;
    /** Below this Cassandra does not start reliably (its caches and memtables are sized from the heap). */
    public static final int MIN_HEAP_MEGABYTES = 256;
    /** Above this G1 pauses grow and compressed object pointers are lost. */
    public static final int MAX_HEAP_MEGABYTES = 64 * 1024;

    public static final String MIN_HEAP = "256M";
    public static final String MAX_HEAP = "64G";
    /** vnodes per node: few enough for fast repairs and streaming, enough for an even spread. */
    public static final int NUM_TOKENS = 16;
    /** A datacenter's volume size per node when the resource names none. */
    public static final String STORAGE_SIZE = "10Gi";
}
