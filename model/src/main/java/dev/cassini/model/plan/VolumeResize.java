package dev.cassini.model.plan;

/**
 * Where a volume claim's resize stands, as Kubernetes reports it in the claim's status. Growing a
 * volume has two halves: the storage driver grows the disk (controller side), then the kubelet of
 * the node that mounts it grows the filesystem (node side, online, while the pod runs).
 */
public enum VolumeResize {
    /** No resize under way: the claim's capacity is what it asked for last. */
    NONE,
    /** The storage driver is growing the volume. */
    CONTROLLER_RESIZING,
    /** The volume grew; the kubelet has yet to grow the filesystem on it ({@code FileSystemResizePending}). */
    NODE_RESIZE_PENDING,
    /** The resize failed or cannot be done; the claim's status says why. */
    FAILED
}
