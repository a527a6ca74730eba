package dev.cassini.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.DesiredResources;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles a CassandraCluster the same way every time: apply the desired objects, observe pods
 * and agents, ask the planner for the one next step, execute it, and record status and an event.
 * Kill it at any point and it resumes from what it observes.
 */
@ControllerConfiguration(name = "cassandracluster")
public final class CassandraClusterReconciler implements Reconciler<CassandraCluster>, Cleaner<CassandraCluster> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraClusterReconciler.class);
    static final String FIELD_MANAGER = "cassini-operator";
    private static final Duration WHILE_PROGRESSING = Duration.ofSeconds(3);
    private static final Duration WHEN_CONVERGED = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final NodeAgentClient agents = new NodeAgentClient();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cassini-agent-call");
        t.setDaemon(true);
        return t;
    });
    private final ClusterObserver observer;
    private final StepExecutor executor;
    private final ClusterEvents events;

    public CassandraClusterReconciler(KubernetesClient client) {
        this.client = client;
        this.observer = new ClusterObserver(client, agents, pool);
        this.executor = new StepExecutor(client, agents, pool);
        this.events = new ClusterEvents(client);
    }

    @Override
    public UpdateControl<CassandraCluster> reconcile(CassandraCluster resource, Context<CassandraCluster> context) {
        MDC.put("namespace", resource.getMetadata().getNamespace());
        MDC.put("cluster", resource.getMetadata().getName());
        try {
            ClusterShape shape = ClusterShape.of(resource);
            for (HasMetadata object : DesiredResources.of(shape, Owner.of(resource))) {
                client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
            ClusterObserver.Observation observation = observer.observe(resource);
            Action action = Planner.next(observation.cluster());
            MDC.put("step", ClusterStatusFactory.reason(action));

            CassandraClusterStatus previous = resource.getStatus();
            boolean initialized = previous != null && Boolean.TRUE.equals(previous.getInitialized());
            Optional<String> failure = Optional.empty();
            try {
                executor.execute(resource, observation, action);
                if (action instanceof Action.InitializeAuth || (!shape.authEnabled() && action instanceof Action.Converged)) {
                    initialized = true;
                }
            } catch (AuthInitializer.NotYet e) {
                action = new Action.Wait(e.getMessage());
            } catch (IOException | RuntimeException e) {
                failure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.warn("step {} failed: {}", ClusterStatusFactory.reason(action), failure.get());
            }

            String previousStep = previous == null ? null : previous.getStep();
            CassandraClusterStatus status = ClusterStatusFactory.build(resource, observation, ring(observation), action, failure,
                    initialized, Instant.now());
            if (!status.getStep().equals(previousStep)) {
                LOG.info("{}", status.getStep());
                events.record(resource, failure.isPresent() ? "Warning" : "Normal", ClusterStatusFactory.reason(action), status.getStep());
            }
            resource.setStatus(status);
            boolean converged = action instanceof Action.Converged && failure.isEmpty();
            return UpdateControl.patchStatus(resource).rescheduleAfter(converged ? WHEN_CONVERGED : WHILE_PROGRESSING);
        } finally {
            MDC.clear();
        }
    }

    /** The ring as the first NORMAL node sees it, by host ID; empty when no node serves yet. */
    private Map<String, ClusterStatusFactory.RingEntry> ring(ClusterObserver.Observation observation) {
        Map<String, ClusterStatusFactory.RingEntry> ring = new HashMap<>();
        for (ObservedNode node : observation.cluster().nodes()) {
            if (node.address().isPresent() && node.agent().map(a -> a.normal()).orElse(false)) {
                try {
                    for (JsonNode e : agents.ring(node.address().get())) {
                        String state = (e.path("status").asText().equals("UP") ? "U" : "D") + e.path("state").asText("N").charAt(0);
                        ring.put(e.path("hostId").asText(), new ClusterStatusFactory.RingEntry(state, e.path("tokens").asInt()));
                    }
                    return ring;
                } catch (IOException | RuntimeException e) {
                    LOG.debug("ring from {} unavailable: {}", node.pod(), e.getMessage());
                }
            }
        }
        return ring;
    }

    /**
     * Deleting a cluster drains and stops every node (no write is left only in a commit log); the
     * volumes stay unless spec.deletionPolicy is Delete. Owner references remove the rest.
     */
    @Override
    public DeleteControl cleanup(CassandraCluster resource, Context<CassandraCluster> context) {
        ClusterObserver.Observation observation = observer.observe(resource);
        observation.addresses().values().parallelStream().forEach(ip -> {
            try {
                agents.stop(ip);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not stop node at {} cleanly: {}", ip, e.getMessage());
            }
        });
        if (resource.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
            client.persistentVolumeClaims().inNamespace(resource.getMetadata().getNamespace())
                    .withLabel(ClusterNames.LABEL_CLUSTER, resource.getMetadata().getName()).delete();
        }
        return DeleteControl.defaultDelete();
    }
}
