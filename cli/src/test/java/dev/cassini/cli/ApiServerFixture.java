package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.Clusters;
import dev.cassini.api.v1alpha1.KubeApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Consumer;

/**
 * A real kube-apiserver (etcd and kube-apiserver, no kubelet, no operator) with Cassini's CRDs, for
 * one IT class: each test gets a fresh namespace holding cluster {@code demo}, and runs
 * {@code cassini} in this JVM against it. Times print in UTC, so the expected lines are exact.
 * {@link #close()} stops every process it started.
 */
final class ApiServerFixture implements AutoCloseable {
    static final String CLUSTER = "demo";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

    private final KubeApiServer server;
    private final TimeZone zoneBefore;
    private int namespaces;

    private ApiServerFixture(KubeApiServer server) {
        this.server = server;
        this.zoneBefore = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    static ApiServerFixture start(String name) {
        return new ApiServerFixture(KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", name).toAbsolutePath()));
    }

    KubernetesClient client() {
        return server.client();
    }

    void createNamespaces(String... names) {
        server.createNamespaces(names);
    }

    /** The server's admin kubeconfig. */
    Path kubeconfig() {
        return server.kubeconfig();
    }

    /** A namespace no other test uses, with a CassandraCluster {@value #CLUSTER} that has backup storage. */
    String namespaceWithCluster(String prefix) {
        String namespace = prefix + "-" + ++namespaces;
        server.createNamespaces(namespace);
        CassandraCluster cluster = Clusters.minimal(CLUSTER);
        Clusters.backupTo(cluster, Clusters.backupStorage());
        cluster.getMetadata().setNamespace(namespace);
        client().resource(cluster).create();
        return namespace;
    }

    /** Creates the resource, then writes its status as the operator would (the API server drops status on create). */
    <T extends HasMetadata> T create(T resource, Consumer<T> status) {
        T created = client().resource(resource).create();
        status.accept(created);
        return client().resource(created).updateStatus();
    }

    /** {@code cassini ARGS --kubeconfig <this server's> -n NAMESPACE}. */
    CassiniRun cassini(String namespace, String... args) {
        return CassiniRun.cassini(withServer(namespace, args));
    }

    String[] withServer(String namespace, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig().toString(), "-n", namespace));
        return all.toArray(String[]::new);
    }

    /** A creation timestamp the API server set, as the commands print it. */
    static String shown(String rfc3339) {
        return TIME.format(Instant.parse(rfc3339).atZone(ZoneOffset.UTC));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            TimeZone.setDefault(zoneBefore);
        }
    }
}
