package dev.cassini.contract;

/** {@code POST /api/v1/operations/removenode}: take a dead node's ranges over from its replicas. */
public record RemoveNodeRequest(String hostId) {}
