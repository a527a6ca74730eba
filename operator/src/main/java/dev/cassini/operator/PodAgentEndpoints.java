package dev.cassini.operator;

import dev.cassini.model.ClusterNames;
import dev.cassini.model.security.AgentApiTls;
import dev.cassini.pki.CertificateAuthority;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reaches each agent the way its pod says. A pod annotated {@code cassini.dev/agent-api: https}
 * serves mutual TLS: it is called over HTTPS with a client certificate its cluster's CA signed,
 * and trusted only if that CA signed its own. Any other address (a pod created before agents
 * served TLS) is called over plain HTTP, and so is an agent outside Kubernetes unless its
 * datacenter says https ({@link #external}), when it is called as its cluster's pods are.
 *
 * <p>What it learns about an address is kept a few minutes, and dropped when a call fails: by
 * then a new pod may have the address.
 */
final class PodAgentEndpoints implements AgentEndpoints {
    static final Duration REMEMBERED = Duration.ofMinutes(5);

    /** The operator's certificate is valid a day ({@link NodeCertificates#OPERATOR_VALIDITY}); renewed after half. */
    static final Duration IDENTITY_RENEWED_AFTER = NodeCertificates.OPERATOR_VALIDITY.dividedBy(2);

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final Clock clock;
    private final Endpoint plain = Endpoint.plain();
    private final Map<String, Remembered> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Identity> byAuthority = new ConcurrentHashMap<>();
    private final Map<String, ClusterOf> externalHttps = new ConcurrentHashMap<>();

    private record Remembered(Endpoint endpoint, Instant until) {}

    private record Identity(Endpoint endpoint, Instant renewAt) {}

    private record ClusterOf(String namespace, String cluster) {}

    /** Looks pods up in {@code namespaces}, or in every namespace when it is empty (as the operator watches). */
    PodAgentEndpoints(KubernetesClient client, Set<String> namespaces, Clock clock) {
        this.client = client;
        this.namespaces = Set.copyOf(namespaces);
        this.clock = clock;
    }

    @Override
    public Endpoint of(String ip) throws IOException {
        Instant now = clock.instant();
        Remembered known = byAddress.get(ip);
        if (known != null && now.isBefore(known.until())) {
            return known.endpoint();
        }
        Endpoint endpoint = lookUp(ip, now);
        byAddress.put(ip, new Remembered(endpoint, now.plus(REMEMBERED)));
        return endpoint;
    }

    @Override
    public void forget(String ip) {
        byAddress.remove(ip);
    }

    @Override
    public void external(String ip, String namespace, String cluster, boolean https) {
        ClusterOf declared = https ? new ClusterOf(namespace, cluster) : null;
        ClusterOf before = https ? externalHttps.put(ip, declared) : externalHttps.remove(ip);
        if (!java.util.Objects.equals(before, declared)) {
            byAddress.remove(ip); // what was learnt about the address no longer holds
        }
    }

    private Endpoint lookUp(String ip, Instant now) throws IOException {
        Optional<Pod> pod = nodePod(ip);
        if (pod.isEmpty()) {
            ClusterOf external = externalHttps.get(ip);
            return external == null
                    ? plain
                    : identity(
                            external.namespace(),
                            external.cluster(),
                            now,
                            "the agent at " + ip + " (externalDatacenters, agentApi: https)",
                            "; issue its certificate again from the new CA with cassini agent-cert");
        }
        Map<String, String> annotations = pod.get().getMetadata().getAnnotations();
        if (annotations == null || !AgentApiTls.HTTPS.equals(annotations.get(AgentApiTls.ANNOTATION))) {
            return plain;
        }
        return identity(
                pod.get().getMetadata().getNamespace(),
                pod.get().getMetadata().getLabels().get(ClusterNames.LABEL_CLUSTER),
                now,
                "the agent of pod " + pod.get().getMetadata().getNamespace() + "/"
                        + pod.get().getMetadata().getName(),
                "; the operator creates a new CA and certificates on its next reconcile, and the pod must then"
                        + " restart");
    }

    /** The operator's identity for the agents of {@code namespace/cluster}, trusting only its CA. */
    private Endpoint identity(String namespace, String cluster, Instant now, String agent, String whatToDo)
            throws IOException {
        String caName = new ClusterNames(cluster).agentCaSecret();
        Secret ca = client.secrets().inNamespace(namespace).withName(caName).get();
        if (ca == null) {
            throw new IOException(
                    agent + " serves TLS, but Secret " + caName + " (its cluster's agent CA) is missing" + whatToDo);
        }
        CertificateAuthority authority = NodeCertificates.authorityIn(ca, caName);
        String key = namespace + "/" + cluster + "/" + NodeCertificates.fingerprint(authority.certificate());
        return byAuthority
                .compute(
                        key,
                        (k, held) -> held != null && now.isBefore(held.renewAt())
                                ? held
                                : new Identity(
                                        new Endpoint(
                                                "https",
                                                HttpClient.newBuilder()
                                                        .connectTimeout(CONNECT_TIMEOUT)
                                                        .sslContext(NodeCertificates.operatorIdentity(authority)
                                                                .context())
                                                        .build()),
                                        now.plus(IDENTITY_RENEWED_AFTER)))
                .endpoint();
    }

    /** The Cassandra pod at {@code ip} that is not over (an ended pod keeps its address in status). */
    private Optional<Pod> nodePod(String ip) {
        List<Pod> pods = namespaces.isEmpty()
                ? client.pods()
                        .inAnyNamespace()
                        .withField("status.podIP", ip)
                        .withLabel(ClusterNames.LABEL_CLUSTER)
                        .list()
                        .getItems()
                : namespaces.stream()
                        .flatMap(namespace -> client
                                .pods()
                                .inNamespace(namespace)
                                .withField("status.podIP", ip)
                                .withLabel(ClusterNames.LABEL_CLUSTER)
                                .list()
                                .getItems()
                                .stream())
                        .toList();
        return pods.stream()
                .filter(pod -> pod.getStatus() == null
                        || !List.of("Succeeded", "Failed")
                                .contains(pod.getStatus().getPhase()))
                .findFirst();
    }
}
