package dev.cassini.operator;

import dev.cassini.contract.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How to reach the node agent at an address: the scheme, and the HTTP client that speaks to it
 * (with the operator's client certificate where the agent serves mutual TLS).
 * {@link PodAgentEndpoints} decides by the agent's pod.
 */
interface AgentEndpoints {
    /** Connecting gives up after this; an agent's answer has a timeout per request. */
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** The agent at {@code ip}; fails when the way to reach it cannot be known (its CA is missing). */
    Endpoint of(String ip) throws IOException;

    /** A call to {@code ip} failed: look up how to reach it again next time (its pod may have changed). */
    void forget(String ip);

    /**
     * The agent at {@code ip} runs outside Kubernetes (a node of one of cluster {@code
     * namespace/cluster}'s externalDatacenters), where no pod says how it serves: over mutual TLS
     * with that cluster's agent CA when {@code https}, else plain HTTP.
     */
    void external(String ip, String namespace, String cluster, boolean https);

    /** An agent's scheme and the client that calls it. */
    record Endpoint(String scheme, HttpClient http) {
        /** Plain HTTP, for an agent started without TLS files. */
        static Endpoint plain() {
            return new Endpoint(
                    "http",
                    HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        }

        URI uri(String ip, String pathAndQuery) {
            return URI.create(scheme + "://" + ip + ":" + Ports.AGENT_API + pathAndQuery);
        }
    }

    /** Every agent over plain HTTP: for agents started without TLS files, and tests that record requests. */
    static AgentEndpoints plainHttp() {
        Endpoint plain = Endpoint.plain();
        return new AgentEndpoints() {
            @Override
            public Endpoint of(String ip) {
                return plain;
            }

            @Override
            public void forget(String ip) {}

            @Override
            public void external(String ip, String namespace, String cluster, boolean https) {}
        };
    }
}
