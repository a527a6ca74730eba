package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.StartNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Carries out one planner step against the agents (by pod IP), calling every node of a step at
 * once. Repeating a step is harmless: seeds are set to a value, a running node refuses a second
 * start, a stopped node's stop is a no-op.
 */
final class StepExecutor {
    private final KubernetesClient client;
    private final NodeAgentClient agents;
    private final ExecutorService pool;

    StepExecutor(KubernetesClient client, NodeAgentClient agents, ExecutorService pool) {
        this.client = client;
        this.agents = agents;
        this.pool = pool;
    }

    /** Carries out the step; returns the id of the agent job it started, if it started one. */
    Optional<String> execute(CassandraCluster resource, ClusterObserver.Observation observation, Action action) throws IOException {
        Map<String, String> addresses = observation.addresses();
        if (action instanceof Action.Cleanup cleanup) {
            return Optional.of(agents.cleanup(addresses.get(cleanup.pod())));
        }
        if (action instanceof Action.PushSeeds push) {
            onEach(push.pods(), pod -> agents.putSeeds(addresses.get(pod), push.seeds()));
            labelSeeds(resource, addresses, push.seeds());
        } else if (action instanceof Action.StartNodes start) {
            Map<String, StartNode> byPod = start.nodes().stream().collect(Collectors.toMap(StartNode::pod, n -> n));
            onEach(List.copyOf(byPod.keySet()), pod -> agents.start(addresses.get(pod), byPod.get(pod)));
        } else if (action instanceof Action.RestartNode restart) {
            // Drain and stop first, so the pod's deletion loses nothing and clients see a clean
            // shutdown; the StatefulSet then recreates the pod from the new template.
            agents.stop(addresses.get(restart.pod()));
            client.pods().inNamespace(resource.getMetadata().getNamespace()).withName(restart.pod()).delete();
        } else if (action instanceof Action.Decommission decommission) {
            agents.decommission(addresses.get(decommission.pod()));
        } else if (action instanceof Action.RemoveNode remove) {
            // Only ever shrinks, and only to just below the decommissioned pod: repeating is harmless.
            client.apps().statefulSets().inNamespace(resource.getMetadata().getNamespace()).withName(remove.statefulSet())
                    .edit(set -> {
                        if (set.getSpec().getReplicas() > remove.replicas()) {
                            set.getSpec().setReplicas(remove.replicas());
                        }
                        return set;
                    });
        } else if (action instanceof Action.StopNodes stop) {
            onEach(stop.pods(), pod -> agents.stop(addresses.get(pod)));
        } else if (action instanceof Action.InitializeAuth) {
            var credentials = SuperuserSecret.ensure(client, resource, observation.shape().clusterName(), Owner.of(resource));
            AuthInitializer.initialize(observation.shape(), addresses.values(), credentials);
        }
        // Wait, Refuse, MarkForCleanup (status records it) and Converged: nothing to do here.
        return Optional.empty();
    }

    /** The seeds Service selects pods by label; keep the label on exactly the seed pods. */
    private void labelSeeds(CassandraCluster resource, Map<String, String> addresses, List<String> seeds) {
        String namespace = resource.getMetadata().getNamespace();
        addresses.forEach((pod, ip) -> {
            boolean seed = seeds.contains(ip);
            try {
                client.pods().inNamespace(namespace).withName(pod).edit(p -> {
                    if (seed) {
                        p.getMetadata().getLabels().put(ClusterNames.LABEL_SEED, "true");
                    } else {
                        p.getMetadata().getLabels().remove(ClusterNames.LABEL_SEED);
                    }
                    return p;
                });
            } catch (KubernetesClientException e) {
                // The pod may be going away; the next reconcile labels what is there then.
            }
        });
    }

    @FunctionalInterface
    private interface NodeCall {
        void run(String pod) throws IOException;
    }

    /** Calls every pod at once; fails with every pod's error if any call failed. */
    private void onEach(List<String> pods, NodeCall call) throws IOException {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (String pod : pods) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    call.run(pod);
                    return null;
                } catch (IOException | RuntimeException e) {
                    return pod + ": " + e.getMessage();
                }
            }, pool));
        }
        List<String> errors = calls.stream().map(CompletableFuture::join).filter(e -> e != null).toList();
        if (!errors.isEmpty()) {
            throw new IOException(String.join("; ", errors));
        }
    }
}
