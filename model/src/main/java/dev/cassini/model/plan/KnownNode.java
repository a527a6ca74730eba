package dev.cassini.model.plan;

/**
 * What the operator recorded about a pod's node in status before: the host ID it had and the last
 * address it was seen on. A pod that comes back with an empty volume replaces that node.
 */
public record KnownNode(String pod, String hostId, String lastAddress) {}
