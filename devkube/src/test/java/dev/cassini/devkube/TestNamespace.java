package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A namespace for one test, which on close removes what the test made and makes sure every pod
 * process it started is gone: first the Kubernetes way (delete, kubelet stops with SIGTERM), then
 * by PID for anything still alive, which fails the test.
 */
public final class TestNamespace implements AutoCloseable {
    private final DevKube kube;
    private final String name;

    public TestNamespace(DevKube kube, String prefix) {
        this.kube = kube;
        this.name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client().namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        await(
                Duration.ofSeconds(30),
                () -> client().serviceAccounts()
                                .inNamespace(name)
                                .withName("default")
                                .get()
                        != null);
    }

    public String name() {
        return name;
    }

    public KubernetesClient client() {
        return kube.client();
    }

    public Pod pod(String podName) {
        return client().pods().inNamespace(name).withName(podName).get();
    }

    @Override
    public void close() {
        // Pods get their own grace periods (Cassandra drains); wait for the longest, plus slack.
        long longestGrace = client().pods().inNamespace(name).list().getItems().stream()
                .map(p -> p.getSpec().getTerminationGracePeriodSeconds())
                .mapToLong(g -> g == null ? 30 : g)
                .max()
                .orElse(0);
        client().apps().statefulSets().inNamespace(name).delete();
        client().apps().deployments().inNamespace(name).delete();
        client().batch()
                .v1()
                .jobs()
                .inNamespace(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        client().pods().inNamespace(name).delete();
        boolean podsGone = awaitQuietly(
                Duration.ofSeconds(longestGrace + 60),
                () -> client().pods().inNamespace(name).list().getItems().isEmpty());
        List<String> leftovers = kube.pids().names().stream()
                .filter(n -> n.startsWith("pod-" + name + "_"))
                .toList();
        for (String process : leftovers) {
            kube.pids().lookup(process).ifPresent(p -> p.destroyForcibly());
            kube.pids().forget(process);
        }
        client().persistentVolumeClaims().inNamespace(name).delete();
        client().namespaces().withName(name).delete();
        assertThat(podsGone).as("all pods of namespace %s deleted", name).isTrue();
        assertThat(leftovers)
                .as("pod processes still alive after their pods were deleted")
                .isEmpty();
    }

    public static void await(Duration timeout, BooleanSupplier condition) {
        if (!awaitQuietly(timeout, condition)) {
            throw new AssertionError("condition not met within " + timeout);
        }
    }

    public static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
