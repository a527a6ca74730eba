package dev.cassini.cli;

import dev.cassini.api.v1alpha1.BackupSpec;
import dev.cassini.api.v1alpha1.BackupStorageSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.devkube.DevKubeStatus;
import dev.cassini.operator.CrdInstaller;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Bring up a Cassandra cluster on this machine: starts devkube (a real Kubernetes control plane whose",
            "pods run as local processes), installs the CRDs, runs the operator and an S3 object store as pods,",
            "applies the cluster (backing up to that store unless it names storage of its own) and shows its",
            "progress until it is ready. Stop everything with: ./cassini down",
            "",
            "  ./cassini up                      # the default: 3 nodes in 3 racks (zones zone-a, zone-b, zone-c)",
            "  ./cassini up -f my-cluster.yaml   # your own CassandraCluster resource",
        })
public final class UpCommand implements Callable<Integer> {
    static final String OPERATOR_NAMESPACE = "cassini-system";

    @Option(
            names = {"-f", "--file"},
            description = "A CassandraCluster resource (YAML). Default: the built-in 3-node cluster 'demo'.")
    Path file;

    @Option(
            names = "--timeout",
            description = "Seconds to wait for the cluster to be ready. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 900;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DevCluster dev = new DevCluster();
        System.out.println(
                "Starting devkube (the first run builds the Kubernetes control plane, about 10 minutes) ...");
        DevKubeStatus status = dev.ensureRunning(Duration.ofMinutes(30));
        System.out.printf("devkube: %d nodes, API server %s%n", status.nodes(), status.server());
        CassandraCluster cluster = readCluster();
        try (KubernetesClient client = DevCluster.client(status)) {
            CrdInstaller.install(client);
            deployOperator(client);
            String namespace = cluster.getMetadata().getNamespace() == null
                    ? "default"
                    : cluster.getMetadata().getNamespace();
            cluster.getMetadata().setNamespace(namespace);
            DevObjectStore objectStore = new DevObjectStore(client, OPERATOR_NAMESPACE);
            BackupStorageSpec storage = objectStore.ensureRunning(Duration.ofMinutes(2));
            objectStore.shareCredentialsWith(namespace);
            System.out.printf(
                    "Object store: %s, bucket %s (credentials in Secret %s)%n",
                    storage.getEndpoint(), storage.getBucket(), DevObjectStore.CREDENTIALS);
            if (cluster.getSpec().getBackup() == null
                    || cluster.getSpec().getBackup().getStorage() == null) {
                BackupSpec backup = cluster.getSpec().getBackup() == null
                        ? new BackupSpec()
                        : cluster.getSpec().getBackup();
                backup.setStorage(storage);
                cluster.getSpec().setBackup(backup);
            }
            client.resource(cluster)
                    .fieldManager("cassini-cli")
                    .forceConflicts()
                    .serverSideApply();
            System.out.printf(
                    "Applied CassandraCluster %s/%s; the operator is bringing it up.%n",
                    namespace, cluster.getMetadata().getName());
            boolean ready = new ClusterProgress(
                            client, namespace, cluster.getMetadata().getName(), System.out)
                    .awaitReady(Duration.ofSeconds(timeoutSeconds));
            if (!ready) {
                System.out.println(
                        "The cluster is not ready after " + timeoutSeconds + " s. Look at: kubectl describe cc "
                                + cluster.getMetadata().getName() + ", and the operator's log: ./cassini dev logs -n "
                                + OPERATOR_NAMESPACE
                                + " <operator pod>");
                return 1;
            }
            System.out.printf(
                    "%nCluster %s is ready (%.0f s).%n%n",
                    cluster.getMetadata().getName(), (System.nanoTime() - t0) / 1e9);
            System.out.println("Look at it with kubectl:");
            System.out.println("  export KUBECONFIG=" + status.kubeconfig());
            kubectlHint().ifPresent(hint -> System.out.println("  " + hint));
            System.out.println("  kubectl get cc,pods -o wide");
            System.out.println("Back it up to the object store:");
            System.out.println("  ./cassini backup create nightly");
            System.out.println("Run CQL as the generated superuser:");
            System.out.println("  ./cassini cql \"SELECT cluster_name, release_version FROM system.local\"");
            System.out.println("Stop everything:");
            System.out.println("  ./cassini down");
            return 0;
        }
    }

    /**
     * Where devkube's own kubectl is, when none is on PATH: devkube builds one with the control
     * plane, and the README's commands use it.
     */
    private static java.util.Optional<String> kubectlHint() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return java.util.Optional.empty();
            }
        }
        return dev.cassini.devkube.binaries.KubeBinaries.find(System.getenv())
                .map(b -> "export PATH=" + b.directory() + ":$PATH   # no kubectl on PATH: devkube's own");
    }

    private CassandraCluster readCluster() throws IOException {
        if (file == null) {
            try (InputStream in = UpCommand.class.getResourceAsStream("/dev/cassini/cli/demo-cluster.yaml")) {
                return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CassandraCluster.class);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        return clusterOf(file.toString(), Files.readString(file));
    }

    /**
     * The CassandraCluster a file holds. Read first as any resource (the generic reader does not
     * know Cassini's kinds, so a CassandraCluster comes back generic), checked by apiVersion and
     * kind, then read as one.
     */
    static CassandraCluster clusterOf(String name, String yaml) throws IOException {
        HasMetadata parsed;
        try {
            parsed = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new IOException(name + " is not a Kubernetes resource in YAML or JSON: " + e.getMessage(), e);
        }
        String expected = io.fabric8.kubernetes.api.model.HasMetadata.getApiVersion(CassandraCluster.class);
        if (parsed == null
                || !"CassandraCluster".equals(parsed.getKind())
                || !expected.equals(parsed.getApiVersion())) {
            throw new IOException(name + " holds a "
                    + (parsed == null ? "nothing" : parsed.getKind() + " (" + parsed.getApiVersion() + ")")
                    + "; cassini up takes one CassandraCluster (apiVersion "
                    + expected + ")");
        }
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, CassandraCluster.class);
    }

    /** The operator's ServiceAccount, and the name of its ClusterRole and binding. */
    static final String OPERATOR_ACCOUNT = "cassini-operator";

    /**
     * The operator runs as the Helm chart installs it on any cluster, from the chart itself: its
     * ServiceAccount, ClusterRole and binding, and its Deployment (non-root, read-only root file
     * system, probes, metrics), as {@code helm template} renders them for devkube
     * ({@value #CHART_RENDERING}), with RBAC on. Its process finds its token where devkube mounted the
     * pod's ServiceAccount volume, as fabric8's in-cluster configuration does in a container
     * (devkube's launcher names the files).
     */
    static void deployOperator(KubernetesClient client) {
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(OPERATOR_NAMESPACE)
                        .endMetadata()
                        .build())
                .fieldManager("cassini-cli")
                .forceConflicts()
                .serverSideApply();
        for (HasMetadata object : operatorObjects()) {
            client.resource(object).fieldManager("cassini-cli").forceConflicts().serverSideApply();
        }
    }

    /**
     * The chart rendered for devkube (deploy/devkube/cassini-operator.yaml, carried in this jar):
     * applied without running helm, which a new machine would first have to compile (minutes of
     * CPU). HelmChartIT fails when it differs from what the chart renders.
     */
    static final String CHART_RENDERING = "/dev/cassini/cli/cassini-operator.yaml";

    /** The operator's ServiceAccount, ClusterRole, binding and Deployment, in the order they must exist. */
    static List<HasMetadata> operatorObjects() {
        String yaml;
        try (InputStream in = UpCommand.class.getResourceAsStream(CHART_RENDERING)) {
            if (in == null) {
                throw new IllegalStateException(CHART_RENDERING + " is not in the cli's jar; rebuild it");
            }
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<HasMetadata> objects = new java.util.ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                objects.add(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(document));
            }
        }
        return objects;
    }
}
