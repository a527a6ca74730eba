package dev.cassini.agent.node;

import java.util.List;
import java.util.Map;

/** Raw ring facts as StorageService and the failure detector report them, endpoints as "address:port". */
public record RingSnapshot(
        Map<String, String> hostIdToEndpoint,
        Map<String, String> tokenToEndpoint,
        Map<String, String> loadByEndpoint,
        List<String> joining,
        List<String> leaving,
        List<String> moving,
        Map<String, String> livenessByEndpoint) {}
