package dev.cassini.operator;

import dev.cassini.model.NodeImage;
import dev.cassini.model.plan.NewClusterStart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: watches CassandraClusters and the other Cassini resources in every
 * namespace of the cluster its kubeconfig (or in-cluster service account) points at, or only in the
 * namespaces {@value #ENV_WATCH_NAMESPACES} lists.
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {}

    /** Port of the operator's Prometheus endpoint, /metrics. */
    public static final String ENV_METRICS_PORT = "CASSINI_OPERATOR_METRICS_PORT";

    public static final int DEFAULT_METRICS_PORT = 8081;

    /**
     * How the nodes of a brand-new cluster start: {@code concurrent} (the default) or
     * {@code one-at-a-time}, the latter only to benchmark the two against each other.
     */
    public static final String ENV_NEW_CLUSTER_START = "CASSINI_OPERATOR_NEW_CLUSTER_START";

    /**
     * The namespaces to watch, comma-separated; unset or empty: every namespace. With a list, the
     * operator needs Roles in those namespaces only (the Helm chart's namespaced mode).
     */
    public static final String ENV_WATCH_NAMESPACES = "CASSINI_WATCH_NAMESPACES";

    /**
     * How long a node agent's API certificate is valid, in days (90d), hours (12h) or minutes
     * (30m); it is renewed after two thirds of it. Default: 90 days.
     */
    public static final String ENV_AGENT_CERTIFICATE_VALIDITY = "CASSINI_AGENT_CERT_VALIDITY";

    /**
     * The repository of the Cassandra node image, without a tag (each cluster's Cassandra version is
     * the tag). Default: {@code cassini/node}.
     */
    public static final String ENV_NODE_IMAGE = "CASSINI_NODE_IMAGE";

    /** Secrets, comma-separated, that every Cassandra pod pulls the node image with. */
    public static final String ENV_NODE_IMAGE_PULL_SECRETS = "CASSINI_NODE_IMAGE_PULL_SECRETS";

    /** Shorter leaves the renewal too little time to reach the pods (a Secret volume syncs within about a minute). */
    static final Duration SHORTEST_AGENT_CERTIFICATE_VALIDITY = Duration.ofMinutes(3);

    public static void main(String[] args) throws IOException {
        NewClusterStart newClusterStart;
        Set<String> namespaces;
        Duration agentCertificateValidity;
        NodeImage nodeImage;
        try {
            newClusterStart = newClusterStart(System.getenv());
            namespaces = watchNamespaces(System.getenv());
            agentCertificateValidity = agentCertificateValidity(System.getenv());
            nodeImage = nodeImage(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("the operator does not start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        OperatorMetrics metrics = new OperatorMetrics(PrometheusRegistry.defaultRegistry);
        String port = System.getenv().getOrDefault(ENV_METRICS_PORT, String.valueOf(DEFAULT_METRICS_PORT));
        // In a pod, serve on the pod's address (under devkube every pod shares this machine's ports).
        String address = System.getenv().getOrDefault("POD_IP", "0.0.0.0");
        HTTPServer server = HTTPServer.builder()
                .hostname(address)
                .port(Integer.parseInt(port))
                .registry(metrics.registry())
                .buildAndStart();
        LOG.info("operator metrics on http://{}:{}/metrics", address, server.getPort());
        start(
                new KubernetesClientBuilder().build(),
                metrics,
                newClusterStart,
                namespaces,
                agentCertificateValidity,
                nodeImage);
    }

    /** The {@link #ENV_AGENT_CERTIFICATE_VALIDITY} setting; a value it cannot read, or too short, stops the start. */
    static Duration agentCertificateValidity(Map<String, String> env) {
        String value = env.getOrDefault(ENV_AGENT_CERTIFICATE_VALIDITY, "").trim();
        if (value.isEmpty()) {
            return NodeCertificates.AGENT_VALIDITY;
        }
        java.util.regex.Matcher parts =
                java.util.regex.Pattern.compile("([0-9]{1,6})([dhm])").matcher(value);
        if (!parts.matches()) {
            throw new IllegalArgumentException(ENV_AGENT_CERTIFICATE_VALIDITY + "=" + value
                    + " is not a duration; write days, hours or minutes: 90d, 12h, 30m");
        }
        long amount = Long.parseLong(parts.group(1));
        Duration validity = switch (parts.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (validity.compareTo(SHORTEST_AGENT_CERTIFICATE_VALIDITY) < 0) {
            throw new IllegalArgumentException(ENV_AGENT_CERTIFICATE_VALIDITY + "=" + value + " is shorter than "
                    + SHORTEST_AGENT_CERTIFICATE_VALIDITY.toMinutes()
                    + "m, which leaves a renewal too little time to reach the pods; use 3m or more");
        }
        if (validity.compareTo(NodeCertificates.AUTHORITY_VALIDITY) >= 0) {
            throw new IllegalArgumentException(ENV_AGENT_CERTIFICATE_VALIDITY + "=" + value
                    + " is as long as the CA's own validity (3650d) or longer; use less");
        }
        return validity;
    }

    /** The {@link #ENV_NODE_IMAGE} and {@link #ENV_NODE_IMAGE_PULL_SECRETS} settings; a value that is not a repository or a Secret name stops the start. */
    static NodeImage nodeImage(Map<String, String> env) {
        String repository = env.getOrDefault(ENV_NODE_IMAGE, "").trim();
        List<String> secrets = Arrays.stream(
                        env.getOrDefault(ENV_NODE_IMAGE_PULL_SECRETS, "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        try {
            return new NodeImage(repository.isEmpty() ? NodeImage.DEFAULT.repository() : repository, secrets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    ENV_NODE_IMAGE + "/" + ENV_NODE_IMAGE_PULL_SECRETS + ": " + e.getMessage(), e);
        }
    }

    /** The {@link #ENV_WATCH_NAMESPACES} setting: empty for every namespace; a name that is not one stops the start. */
    static Set<String> watchNamespaces(Map<String, String> env) {
        Set<String> namespaces = new TreeSet<>();
        for (String name : env.getOrDefault(ENV_WATCH_NAMESPACES, "").split(",")) {
            String namespace = name.trim();
            if (namespace.isEmpty()) {
                continue;
            }
            if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException(ENV_WATCH_NAMESPACES + " names \"" + namespace
                        + "\", which is not a namespace name (lower-case letters, digits and '-', at most 63);"
                        + " list namespaces separated by commas, or leave it empty for every namespace");
            }
            namespaces.add(namespace);
        }
        return namespaces;
    }

    /** The {@link #ENV_NEW_CLUSTER_START} setting; a value other than the two allowed ones stops the operator from starting. */
    static NewClusterStart newClusterStart(Map<String, String> env) {
        String value = env.getOrDefault(ENV_NEW_CLUSTER_START, "concurrent").trim();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "concurrent" -> NewClusterStart.CONCURRENT;
            case "one-at-a-time" -> NewClusterStart.ONE_AT_A_TIME;
            default ->
                throw new IllegalArgumentException(ENV_NEW_CLUSTER_START + "=" + value
                        + " is not a known value; use concurrent (the default) or one-at-a-time");
        };
    }

    /** Starts the operator on this client; stop it with {@link Operator#stop()}. */
    public static Operator start(KubernetesClient client, OperatorMetrics metrics) {
        return start(client, metrics, NewClusterStart.CONCURRENT);
    }

    /** As {@link #start(KubernetesClient, OperatorMetrics)}, starting new clusters' nodes as {@code newClusterStart} says. */
    public static Operator start(KubernetesClient client, OperatorMetrics metrics, NewClusterStart newClusterStart) {
        return start(client, metrics, newClusterStart, Set.of());
    }

    /** As above, watching only {@code namespaces} (every namespace when empty). */
    public static Operator start(
            KubernetesClient client, OperatorMetrics metrics, NewClusterStart newClusterStart, Set<String> namespaces) {
        return start(client, metrics, newClusterStart, namespaces, NodeCertificates.AGENT_VALIDITY);
    }

    /** As above, issuing node agents' certificates valid for {@code agentCertificateValidity}. */
    public static Operator start(
            KubernetesClient client,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            Set<String> namespaces,
            Duration agentCertificateValidity) {
        return start(client, metrics, newClusterStart, namespaces, agentCertificateValidity, NodeImage.DEFAULT);
    }

    /** As above, running Cassandra pods from {@code nodeImage}. */
    public static Operator start(
            KubernetesClient client,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            Set<String> namespaces,
            Duration agentCertificateValidity,
            NodeImage nodeImage) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        // One client for every reconciler: what it learns about an agent's address serves them all.
        NodeAgents agents = NodeAgentClient.forPods(client, namespaces);
        register(
                operator,
                new CassandraClusterReconciler(
                        client, agents, metrics, newClusterStart, agentCertificateValidity, nodeImage),
                namespaces);
        register(operator, new CassandraBackupReconciler(client, agents, metrics), namespaces);
        register(operator, new CassandraRestoreReconciler(client, agents), namespaces);
        register(operator, new CassandraBackupScheduleReconciler(client), namespaces);
        register(operator, new CassandraRepairReconciler(client, agents, metrics), namespaces);
        register(operator, new CassandraTaskReconciler(client, agents), namespaces);
        operator.start();
        LOG.info(
                "cassini operator watching CassandraClusters, CassandraBackups, CassandraBackupSchedules, CassandraRestores, CassandraRepairs and CassandraTasks in {} on {}; new clusters start {}",
                namespaces.isEmpty() ? "every namespace" : "namespaces " + String.join(", ", namespaces),
                client.getMasterUrl(),
                newClusterStart == NewClusterStart.CONCURRENT ? "every node at once" : "one node at a time");
        LOG.info("Cassandra pods run {}<version>", nodeImage.reference(""));
        return operator;
    }

    private static <P extends HasMetadata> void register(
            Operator operator, Reconciler<P> reconciler, Set<String> namespaces) {
        operator.register(reconciler, overrider -> {
            if (!namespaces.isEmpty()) {
                overrider.settingNamespaces(namespaces);
            }
        });
    }
}
