package dev.cassini.contract;

import java.util.List;

/** {@code GET /api/v1/ring}: every endpoint of the ring as the node sees it. */
public record RingReport(List<RingEndpoint> endpoints) {
    public RingReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
