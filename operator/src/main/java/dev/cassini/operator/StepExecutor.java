package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.StartRequest;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.StartNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Carries out one planner step against the agents (by pod IP) and Kubernetes, calling every node of
 * a step at once. It visits the sealed {@link Action}, so an action without an execution does not
 * compile. Repeating a step is harmless: seeds are set to a value, a running node refuses a second
 * start, a stopped node's stop is a no-op, a StatefulSet only ever shrinks.
 */
final class StepExecutor {
    private final NodeAgents agents;
    private final ClusterOperations cluster;
    private final ExecutorService pool;

    StepExecutor(NodeAgents agents, ClusterOperations cluster, ExecutorService pool) {
        this.agents = agents;
        this.cluster = cluster;
        this.pool = pool;
    }

    /** Carries out the step; returns the agent jobs it started, by pod. */
    Map<String, String> execute(CassandraCluster resource, ClusterObserver.Observation observation, Action action)
            throws IOException {
        return action.accept(new Execution(resource, observation));
    }

    /** One step's execution, with the cluster it runs against. */
    private final class Execution implements Action.Visitor<Map<String, String>, IOException> {
        private final CassandraCluster resource;
        private final ClusterObserver.Observation observation;
        private final String namespace;

        Execution(CassandraCluster resource, ClusterObserver.Observation observation) {
            this.resource = resource;
            this.observation = observation;
            this.namespace = resource.getMetadata().getNamespace();
        }

        private String address(String pod) throws IOException {
            String ip = observation.addresses().get(pod);
            if (ip == null) {
                throw new IOException(
                        pod + " has no address now (its pod is not running); the next reconcile tries again");
            }
            return ip;
        }

        @Override
        public Map<String, String> visit(Action.PushSeeds push) throws IOException {
            onEach(push.pods(), pod -> agents.putSeeds(address(pod), push.seeds()));
            // The seeds Service selects pods by label; keep the label on exactly the seed pods.
            observation
                    .addresses()
                    .forEach((pod, ip) ->
                            cluster.labelSeed(namespace, pod, push.seeds().contains(ip)));
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.StartNodes start) throws IOException {
            Map<String, StartNode> byPod = new java.util.LinkedHashMap<>();
            start.nodes().forEach(n -> byPod.put(n.pod(), n));
            onEach(List.copyOf(byPod.keySet()), pod -> agents.start(address(pod), request(byPod.get(pod))));
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.StopNodes stop) throws IOException {
            onEach(stop.pods(), pod -> agents.stop(address(pod)));
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.RestartNodes restart) throws IOException {
            // Drain and stop first, so the pod's deletion loses nothing and clients see a clean
            // shutdown; the StatefulSet then recreates the pod from the new template. A node that
            // fails to stop keeps its pod; the others of its round go on.
            onEach(restart.pods(), pod -> {
                agents.stop(address(pod));
                cluster.deletePod(namespace, pod);
            });
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.Decommission decommission) throws IOException {
            agents.decommission(address(decommission.pod()), decommission.force());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.RemoveNode remove) {
            // Only ever shrinks, and only to just below the decommissioned pod: repeating is harmless.
            cluster.shrinkStatefulSet(namespace, remove.statefulSet(), remove.replicas());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.Cleanup cleanup) throws IOException {
            return Map.of(cleanup.pod(), agents.cleanup(address(cleanup.pod())));
        }

        @Override
        public Map<String, String> visit(Action.InitializeAuth initialize) {
            cluster.initializeAuth(
                    resource, observation.shape(), observation.addresses().values());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.ExtendReplication extend) throws IOException {
            List<String> through = new ArrayList<>();
            for (var node : observation.cluster().nodes()) {
                if (!node.slot().datacenter().equals(extend.join().datacenter())) {
                    node.address().ifPresent(through::add);
                }
            }
            // An external ring's nodes answer through its seeds.
            through.addAll(observation.shape().additionalSeeds());
            cluster.extendReplication(resource, observation.shape(), through, extend.join());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.Rebuild rebuild) throws IOException {
            Map<String, String> started = new java.util.concurrent.ConcurrentHashMap<>();
            onEach(rebuild.pods(), pod -> started.put(pod, agents.rebuild(address(pod), rebuild.source())));
            return Map.copyOf(started);
        }

        @Override
        public Map<String, String> visit(Action.WithdrawReplication withdraw) {
            // Through the nodes that stay: the leaving ones may be decommissioned already. With none of this
            // resource's staying (spec.datacenters emptied), through the external ring's seeds, in a session
            // local to an external datacenter that stays.
            List<String> through = new ArrayList<>();
            for (var node : observation.cluster().nodes()) {
                node.address().ifPresent(through::add);
            }
            if (through.isEmpty()) {
                through.addAll(observation.shape().additionalSeeds());
            }
            cluster.withdrawReplication(
                    resource, observation.shape(), through, withdraw.datacenters(), withdraw.authToo());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.DecommissionExternal decommission) throws IOException {
            agents.decommission(decommission.address(), decommission.force());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.RemoveDeadNode remove) throws IOException {
            agents.removeNode(address(remove.through()), remove.hostId());
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.RemoveDatacenter remove) {
            cluster.removeDatacenter(namespace, observation.shape().resourceName(), remove.datacenter());
            return Map.of();
        }

        /** Status records the nodes to clean up; nothing to call. */
        @Override
        public Map<String, String> visit(Action.MarkForCleanup mark) {
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.Wait wait) {
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.ExpandVolumes expand) {
            expand.claims().forEach(claim -> cluster.growVolumeClaim(namespace, claim, expand.size()));
            return Map.of();
        }

        /** The next reconcile's apply creates the StatefulSet again, with the new volume template. */
        @Override
        public Map<String, String> visit(Action.RecreateStatefulSet recreate) {
            cluster.orphanStatefulSet(namespace, recreate.statefulSet(), recreate.uid());
            return Map.of();
        }

        /** Status carries the refusal; the cluster keeps running as it is. */
        @Override
        public Map<String, String> visit(Action.Refuse refuse) {
            return Map.of();
        }

        @Override
        public Map<String, String> visit(Action.Converged converged) {
            return Map.of();
        }
    }

    /** The start as the agent takes it: absent fields keep the agent's defaults. */
    static StartRequest request(StartNode start) {
        return new StartRequest(
                start.replaceAddress().orElse(null),
                StartRequest.tokenStrings(start.initialTokens()),
                start.autoBootstrap(),
                start.systemKeyspaceReplicas() > 0 ? start.systemKeyspaceReplicas() : null);
    }

    @FunctionalInterface
    private interface NodeCall {
        void run(String pod) throws IOException;
    }

    /** Calls every pod at once; fails with every pod's error if any call failed. */
    private void onEach(List<String> pods, NodeCall call) throws IOException {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (String pod : pods) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            call.run(pod);
                            return null;
                        } catch (IOException | RuntimeException e) {
                            return pod + ": " + e.getMessage();
                        }
                    },
                    pool));
        }
        List<String> errors = calls.stream()
                .map(CompletableFuture::join)
                .filter(e -> e != null)
                .toList();
        if (!errors.isEmpty()) {
            throw new IOException(String.join("; ", errors));
        }
    }
}
