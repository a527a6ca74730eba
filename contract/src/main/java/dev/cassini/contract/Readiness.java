package dev.cassini.contract;

/** {@code GET /healthz/ready}: ready means serving clients; the reason says why not. */
public record Readiness(boolean ready, String reason) {}
