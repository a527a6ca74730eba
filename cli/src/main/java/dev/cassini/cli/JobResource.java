package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraRestore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code cassini backup}, {@code cassini restore} and {@code cassini repair} do alike with their resource, which runs
 * once like a Kubernetes Job: look it up (or list the ones there are), create it, follow its status
 * until it is done, and wait until a deleted one is gone.
 *
 * @param kind the word the messages use, and the command's name: backup, restore, repair
 * @param shortName kubectl's short name, for the commands the messages suggest
 * @param clusterOf its spec's cluster, or null
 * @param phaseOf its status's phase, or null
 */
record JobResource<T extends HasMetadata>(
        Class<T> type, String kind, String shortName, Function<T, String> clusterOf, Function<T, String> phaseOf) {
    static final JobResource<CassandraBackup> BACKUPS = new JobResource<>(
            CassandraBackup.class,
            "backup",
            "cbk",
            b -> b.getSpec() == null ? null : b.getSpec().getCluster(),
            b -> b.getStatus() == null ? null : b.getStatus().getPhase());
    static final JobResource<CassandraRestore> RESTORES = new JobResource<>(
            CassandraRestore.class,
            "restore",
            "crs",
            r -> r.getSpec() == null ? null : r.getSpec().getCluster(),
            r -> r.getStatus() == null ? null : r.getStatus().getPhase());

    static final JobResource<dev.cassini.api.v1alpha1.CassandraRepair> REPAIRS = new JobResource<>(
            dev.cassini.api.v1alpha1.CassandraRepair.class,
            "repair",
            "crp",
            r -> r.getSpec() == null ? null : r.getSpec().getCluster(),
            r -> r.getStatus() == null ? null : r.getStatus().getPhase());

    static final JobResource<dev.cassini.api.v1alpha1.CassandraTask> TASKS = new JobResource<>(
            dev.cassini.api.v1alpha1.CassandraTask.class,
            "task",
            "ctk",
            t -> t.getSpec() == null ? null : t.getSpec().getCluster(),
            t -> t.getStatus() == null ? null : t.getStatus().getPhase());

    private static final Duration POLL = Duration.ofSeconds(2);

    /** Creation time, then name: resources created in the same second still list in a stable order. */
    static <R extends HasMetadata> Comparator<R> byCreation() {
        return Comparator.comparing((R r) -> {
                    Instant created = HumanUnits.instant(r.getMetadata().getCreationTimestamp());
                    return created == null ? Instant.MAX : created;
                })
                .thenComparing(r -> r.getMetadata().getName());
    }

    /** What the command prints while following one: the lines that changed, and the last words. */
    interface Progress<S> {
        List<String> next(S status, Duration elapsed);

        String phase(S status);

        String outcome(String name, String namespace, S status, Instant now);
    }

    MixedOperation<T, KubernetesResourceList<T>, Resource<T>> in(KubernetesOptions.Connection connection) {
        return connection.client().resources(type);
    }

    T get(KubernetesOptions.Connection connection, String name) {
        return in(connection).inNamespace(connection.namespace()).withName(name).get();
    }

    /** The namespace's resources of this kind, oldest first. */
    List<T> list(KubernetesOptions.Connection connection) {
        return in(connection).inNamespace(connection.namespace()).list().getItems().stream()
                .sorted(byCreation())
                .toList();
    }

    /** The namespace's resources of this kind for one cluster (every cluster's when null), oldest first. */
    List<T> list(KubernetesOptions.Connection connection, String cluster) {
        return list(connection).stream()
                .filter(r -> cluster == null || cluster.equals(clusterOf.apply(r)))
                .toList();
    }

    /**
     * {@code list}: the table of one cluster's resources (every cluster's when null), or that there
     * are none and how to make one.
     */
    int printList(
            KubernetesOptions.Connection connection,
            String cluster,
            PrintWriter out,
            String makeOne,
            BiFunction<List<T>, Instant, String> table) {
        List<T> found = list(connection, cluster);
        if (found.isEmpty()) {
            out.println("No " + kind + "s" + (cluster == null ? "" : " of cluster " + cluster) + " in namespace "
                    + connection.namespace() + ". Make one with: " + makeOne);
        } else {
            out.print(table.apply(found, Instant.now()));
        }
        return 0;
    }

    /** The resource, or a failure that lists the ones there are: a typo is the usual cause. */
    T require(KubernetesOptions.Connection connection, String name) {
        T found = get(connection, name);
        if (found != null) {
            return found;
        }
        List<String> existing =
                list(connection).stream().map(r -> r.getMetadata().getName()).toList();
        throw new CommandFailure(noSuch(name, connection.namespace(), existing));
    }

    String noSuch(String name, String namespace, List<String> existing) {
        return "no " + kind + " " + name + " in namespace " + namespace + "; "
                + (existing.isEmpty()
                        ? "there is none (another namespace? -n NAMESPACE)"
                        : "there are: " + String.join(", ", existing));
    }

    /** It runs once, like a Job: a second one needs a new name. */
    String alreadyExists(T existing) {
        String name = existing.getMetadata().getName();
        String cluster = clusterOf.apply(existing);
        String phase = phaseOf.apply(existing);
        return kind + " " + name + " already exists in namespace "
                + existing.getMetadata().getNamespace()
                + " (cluster " + (cluster == null ? HumanUnits.UNKNOWN : cluster) + ", "
                + (phase == null ? "not started" : phase) + "). A " + kind
                + " runs once: choose another name, or delete it first with cassini " + kind + " delete " + name;
    }

    /**
     * Creates the resource; one created meanwhile under the same name, or one the API server's
     * rules refuse, is said in the user's terms.
     */
    void create(KubernetesOptions.Connection connection, T resource, Function<T, String> alreadyExists) {
        try {
            connection.client().resource(resource).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new CommandFailure(alreadyExists.apply(resource));
            }
            if (e.getCode() == 422) {
                throw new CommandFailure("the API server refused " + kind + " "
                        + resource.getMetadata().getName() + ": " + refusal(e));
            }
            throw e;
        }
    }

    /** The API server's validation messages (the CRD's rules say what to change). */
    private static String refusal(KubernetesClientException e) {
        if (e.getStatus() == null) {
            return e.getMessage();
        }
        if (e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getCauses() != null
                && !e.getStatus().getDetails().getCauses().isEmpty()) {
            return e.getStatus().getDetails().getCauses().stream()
                    .map(StatusCause::getMessage)
                    .collect(Collectors.joining("; "));
        }
        return e.getStatus().getMessage();
    }

    /**
     * Polls the status until it is Succeeded (0) or Failed (1); a status read that fails is said
     * and tried again. Ctrl-C stops watching only, and says how to go on following.
     */
    <S> int follow(
            KubernetesOptions.Connection connection,
            String name,
            PrintWriter out,
            Function<T, S> statusOf,
            Progress<S> progress)
            throws InterruptedException {
        String namespace = connection.namespace();
        AtomicBoolean done = new AtomicBoolean();
        Thread onCtrlC = new Thread(() -> {
            if (!done.get()) {
                out.print(stoppedWatching(name, namespace));
                out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            long t0 = System.nanoTime();
            String lastReadError = null;
            while (true) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                T resource;
                try {
                    resource = get(connection, name);
                    lastReadError = null;
                } catch (KubernetesClientException e) {
                    String error =
                            KubernetesOptions.explain(e, namespace, connection.kubeconfig(), connection.server());
                    if (!error.equals(lastReadError)) {
                        out.println("cannot read the " + kind + "'s status (trying again): " + error);
                        out.flush();
                        lastReadError = error;
                    }
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                if (resource == null) {
                    done.set(true);
                    throw new CommandFailure(kind + " " + name + " was deleted while it ran");
                }
                S status = statusOf.apply(resource);
                progress.next(status, elapsed).forEach(out::println);
                out.flush();
                String phase = progress.phase(status);
                if (JobPhase.finished(phase)) {
                    done.set(true);
                    out.print(progress.outcome(name, namespace, status, Instant.now()));
                    out.flush();
                    return JobPhase.SUCCEEDED.equals(phase) ? 0 : 1;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            done.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came in: the hook runs (and, done now, says nothing more).
            }
        }
    }

    /** Said on Ctrl-C: the resource is the operator's to finish, the command only watched it. */
    String stoppedWatching(String name, String namespace) {
        return "\nStopped watching. " + capitalized() + " " + name + " keeps running in the cluster; follow it with:\n"
                + "  cassini " + kind + " describe " + name + " -n " + namespace + "\n";
    }

    /** The last words of a failure: the operator's message, and where to look further. */
    String failed(String name, String namespace, String message) {
        return capitalized() + " " + name + " failed: " + message + "\n"
                + "Per node: cassini " + kind + " describe " + name + " -n " + namespace + "\n"
                + "Events:   kubectl describe " + shortName + " " + name + " -n " + namespace + "\n";
    }

    /**
     * Deletes the resource and, unless {@code --no-wait}, waits until it is gone.
     *
     * @param stuck what to say when it is still there after the timeout
     */
    int delete(
            KubernetesOptions.Connection connection, String name, PrintWriter out, DeletionWait deletion, String stuck)
            throws InterruptedException {
        in(connection).inNamespace(connection.namespace()).withName(name).delete();
        if (deletion.noWait) {
            out.println(
                    "Deletion asked for; the resource goes once the operator is done. See: cassini " + kind + " list");
            return 0;
        }
        out.flush();
        long deadline =
                System.nanoTime() + Duration.ofSeconds(deletion.timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (get(connection, name) == null) {
                out.println(capitalized() + " " + name + " deleted.");
                return 0;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new CommandFailure(
                kind + " " + name + " is still there after " + deletion.timeoutSeconds + " s: " + stuck);
    }

    private String capitalized() {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
