package dev.cassini.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.Ports;
import dev.cassini.model.ClusterShape.DatacenterShape;
import dev.cassini.model.repair.AutoRepairSettings;
import dev.cassini.model.security.AgentApiTls;
import dev.cassini.model.security.CassandraNodeTls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Kubernetes object a CassandraCluster should have, computed from its spec alone: per rack a
 * StatefulSet, per datacenter a ConfigMap with the node configuration, a PodDisruptionBudget and
 * the services. Pure: the reconciler applies what this returns.
 */
public final class DesiredResources {
    /** The user the node image runs as; the pod's fsGroup, so that it can write its volume. */
    public static final long NODE_USER = 10001;

    public static final String DATA_PATH = "/var/lib/cassandra";
    /** The node pod's one container: the agent, which runs Cassandra. */
    public static final String CASSANDRA_CONTAINER = "cassandra";

    public static final String CONFIG_PATH = "/etc/cassini";
    public static final int CQL_PORT = Ports.CQL;
    public static final int STORAGE_PORT = Ports.STORAGE;
    public static final int AGENT_PORT = Ports.AGENT_API;
    public static final int METRICS_PORT = Ports.METRICS;
    /** Room to drain a node holding large memtables before the kubelet kills it. */
    public static final long TERMINATION_GRACE_SECONDS = 180;

    public static final String CONFIG_HASH_ANNOTATION = "cassini.dev/config-hash";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DesiredResources() {}

    public static List<HasMetadata> of(ClusterShape cluster, OwnerReference owner) {
        return of(cluster, owner, NodeImage.DEFAULT);
    }

    public static List<HasMetadata> of(ClusterShape cluster, OwnerReference owner, NodeImage image) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(seedService(cluster, owner));
        for (DatacenterShape dc : cluster.datacenters()) {
            objects.add(configMap(cluster, dc, owner));
            objects.add(allPodsService(cluster, dc, owner));
            objects.add(clientService(cluster, dc, owner));
            objects.add(podDisruptionBudget(cluster, dc, owner));
            List<Integer> replicas =
                    DatacenterLayout.replicasPerRack(dc.size(), dc.racks().size());
            for (int r = 0; r < dc.racks().size(); r++) {
                objects.add(statefulSet(cluster, dc, dc.racks().get(r), replicas.get(r), owner, image));
            }
        }
        return objects;
    }

    static Map<String, String> clusterLabels(ClusterShape cluster) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ClusterNames.LABEL_CLUSTER, cluster.resourceName());
        labels.put(ClusterNames.LABEL_MANAGED_BY, ClusterNames.MANAGED_BY);
        return labels;
    }

    /** Selects every Cassandra pod of a datacenter. */
    public static Map<String, String> datacenterSelector(ClusterShape cluster, String datacenter) {
        return Map.of(ClusterNames.LABEL_CLUSTER, cluster.resourceName(), ClusterNames.LABEL_DATACENTER, datacenter);
    }

    private static ObjectMeta meta(
            ClusterShape cluster, String name, Map<String, String> extraLabels, OwnerReference owner) {
        Map<String, String> labels = clusterLabels(cluster);
        labels.putAll(extraLabels);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(cluster.namespace())
                .withLabels(labels)
                .withOwnerReferences(owner)
                .build();
    }

    static ConfigMap configMap(ClusterShape cluster, DatacenterShape dc, OwnerReference owner) {
        return new ConfigMapBuilder()
                .withMetadata(meta(
                        cluster,
                        cluster.names().nodeConfigMap(dc.name()),
                        Map.of(ClusterNames.LABEL_DATACENTER, dc.name()),
                        owner))
                .withData(nodeConfigFiles(cluster, dc))
                .build();
    }

    /**
     * The files of the agent's config directory: cassandra.yaml overrides and JVM options, the
     * user's with the operator's auto-repair settings ({@link AutoRepairSettings}) under them.
     */
    static Map<String, String> nodeConfigFiles(ClusterShape cluster, DatacenterShape dc) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Object> overrides = AutoRepairSettings.cassandraYaml(
                cluster.cassandraSchedulesRepairs(),
                dc.spec().getConfig() == null ? Map.of() : dc.spec().getConfig());
        try {
            files.put("cassandra.yaml", overrides.isEmpty() ? "# no overrides\n" : YAML.writeValueAsString(overrides));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "config of datacenter " + dc.name() + " cannot be written as YAML: " + e.getMessage(), e);
        }
        List<String> jvm = new ArrayList<>(AutoRepairSettings.jvmOptions(cluster.cassandraVersion()));
        if (dc.spec().getJvmOptions() != null) {
            jvm.addAll(dc.spec().getJvmOptions());
        }
        files.put("jvm.options", jvm.isEmpty() ? "# no extra options\n" : String.join("\n", jvm) + "\n");
        return files;
    }

    static Service seedService(ClusterShape cluster, OwnerReference owner) {
        return new ServiceBuilder()
                .withMetadata(meta(cluster, cluster.names().seedService(), Map.of(), owner))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(
                        Map.of(ClusterNames.LABEL_CLUSTER, cluster.resourceName(), ClusterNames.LABEL_SEED, "true"))
                .withPorts(servicePort("intra-node", STORAGE_PORT))
                .endSpec()
                .build();
    }

    static Service allPodsService(ClusterShape cluster, DatacenterShape dc, OwnerReference owner) {
        return new ServiceBuilder()
                .withMetadata(meta(
                        cluster,
                        cluster.names().allPodsService(dc.name()),
                        Map.of(ClusterNames.LABEL_DATACENTER, dc.name()),
                        owner))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(datacenterSelector(cluster, dc.name()))
                .withPorts(
                        servicePort("cql", CQL_PORT),
                        servicePort("intra-node", STORAGE_PORT),
                        servicePort("agent", AGENT_PORT),
                        servicePort("metrics", METRICS_PORT))
                .endSpec()
                .build();
    }

    static Service clientService(ClusterShape cluster, DatacenterShape dc, OwnerReference owner) {
        return new ServiceBuilder()
                .withMetadata(meta(
                        cluster,
                        cluster.names().clientService(dc.name()),
                        Map.of(ClusterNames.LABEL_DATACENTER, dc.name()),
                        owner))
                .withNewSpec()
                .withSelector(datacenterSelector(cluster, dc.name()))
                .withPorts(servicePort("cql", CQL_PORT))
                .endSpec()
                .build();
    }

    static PodDisruptionBudget podDisruptionBudget(ClusterShape cluster, DatacenterShape dc, OwnerReference owner) {
        // One node of a DC down at a time keeps LOCAL_QUORUM for RF 3.
        return new PodDisruptionBudgetBuilder()
                .withMetadata(meta(
                        cluster,
                        cluster.names().podDisruptionBudget(dc.name()),
                        Map.of(ClusterNames.LABEL_DATACENTER, dc.name()),
                        owner))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(datacenterSelector(cluster, dc.name()))
                .endSelector()
                .endSpec()
                .build();
    }

    private static ServicePort servicePort(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withTargetPort(new IntOrString(port))
                .build();
    }

    static StatefulSet statefulSet(
            ClusterShape cluster,
            DatacenterShape dc,
            RackShape rack,
            int replicas,
            OwnerReference owner,
            NodeImage image) {
        Map<String, String> selector = new LinkedHashMap<>(datacenterSelector(cluster, dc.name()));
        selector.put(ClusterNames.LABEL_RACK, rack.name());
        Map<String, String> podLabels = clusterLabels(cluster);
        podLabels.putAll(selector);
        String storageSize = dc.storageSize();
        String storageClass = dc.storageClass();

        return new StatefulSetBuilder()
                .withMetadata(meta(
                        cluster,
                        cluster.names().statefulSet(dc.name(), rack.name()),
                        Map.of(ClusterNames.LABEL_DATACENTER, dc.name(), ClusterNames.LABEL_RACK, rack.name()),
                        owner))
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(cluster.names().allPodsService(dc.name()))
                // Pods come up together; each agent waits for the operator to start Cassandra.
                .withPodManagementPolicy("Parallel")
                // Restarts are the operator's: drain first, one node at a time, replicas checked.
                .withNewUpdateStrategy()
                .withType("OnDelete")
                .endUpdateStrategy()
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted("Retain")
                // A decommissioned node's volume must never come back as a node.
                .withWhenScaled("Delete")
                .endPersistentVolumeClaimRetentionPolicy()
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .withAnnotations(podAnnotations(cluster, dc))
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withImagePullSecrets(image.pullSecrets().stream()
                        .map(LocalObjectReference::new)
                        .toList())
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(NODE_USER)
                .withRunAsGroup(NODE_USER)
                .withFsGroup(NODE_USER)
                // A large volume is walked once, not on every restart.
                .withFsGroupChangePolicy("OnRootMismatch")
                .endSecurityContext()
                .withAffinity(Placement.affinity(cluster, rack))
                .withContainers(new ContainerBuilder()
                        .withName(CASSANDRA_CONTAINER)
                        .withImage(image.reference(cluster.cassandraVersion()))
                        .withEnv(env(cluster, dc, rack))
                        .withPorts(
                                port("cql", CQL_PORT),
                                port("intra-node", STORAGE_PORT),
                                port("agent", AGENT_PORT),
                                port("metrics", METRICS_PORT))
                        .withResources(dc.spec().getResources())
                        .withNewReadinessProbe()
                        .withNewHttpGet()
                        .withScheme("HTTPS")
                        .withPath(AgentRoutes.READY)
                        .withPort(new IntOrString(AGENT_PORT))
                        .endHttpGet()
                        .withPeriodSeconds(5)
                        .withFailureThreshold(2)
                        .withTimeoutSeconds(4)
                        .endReadinessProbe()
                        .withNewLivenessProbe()
                        .withNewHttpGet()
                        .withScheme("HTTPS")
                        .withPath(AgentRoutes.LIVE)
                        .withPort(new IntOrString(AGENT_PORT))
                        .endHttpGet()
                        .withPeriodSeconds(10)
                        .withFailureThreshold(6)
                        .withTimeoutSeconds(5)
                        .endLivenessProbe()
                        .addNewVolumeMount()
                        .withName(cluster.names().volumeClaimTemplate())
                        .withMountPath(DATA_PATH)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("config")
                        .withMountPath(CONFIG_PATH)
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addToVolumeMounts(AgentApiTls.mount())
                        .addAllToVolumeMounts(
                                cluster.encryption().any() ? List.of(CassandraNodeTls.mount()) : List.of())
                        .build())
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(cluster.names().nodeConfigMap(dc.name()))
                .endConfigMap()
                .endVolume()
                .addToVolumes(AgentApiTls.volume(cluster.names(), dc.name(), rack.name()))
                .addAllToVolumes(
                        cluster.encryption().any()
                                ? List.of(CassandraNodeTls.volume(cluster.names(), dc.name(), rack.name()))
                                : List.of())
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName(cluster.names().volumeClaimTemplate())
                        .withLabels(selector)
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withStorageClassName(storageClass)
                        .withNewResources()
                        .withRequests(Map.of("storage", new Quantity(storageSize)))
                        .endResources()
                        .endSpec()
                        .build())
                .endSpec()
                .build();
    }

    private static Map<String, String> podAnnotations(ClusterShape cluster, DatacenterShape dc) {
        Map<String, String> annotations = new LinkedHashMap<>(MonitoringResources.scrapeAnnotations());
        annotations.put(CONFIG_HASH_ANNOTATION, configHash(cluster, dc));
        // The agent serves its API over mutual TLS; whoever calls it reads this to choose HTTPS.
        annotations.put(AgentApiTls.ANNOTATION, AgentApiTls.HTTPS);
        if (cluster.restartedAt() != null) {
            annotations.put(ClusterShape.RESTARTED_AT_ANNOTATION, cluster.restartedAt());
        }
        return annotations;
    }

    private static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).build();
    }

    private static List<EnvVar> env(ClusterShape cluster, DatacenterShape dc, RackShape rack) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder()
                .withName(AgentEnvironment.POD_IP)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .build());
        env.add(new EnvVarBuilder()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .build());
        env.addAll(AgentApiTls.env()); // after POD_NAME, which they name their files by
        if (cluster.encryption().any()) {
            env.addAll(CassandraNodeTls.env(cluster.encryption())); // after POD_NAME too
        }
        env.add(plain(AgentEnvironment.CLUSTER_NAME, cluster.clusterName()));
        env.add(plain(AgentEnvironment.DATACENTER, dc.name()));
        env.add(plain(AgentEnvironment.RACK, rack.name()));
        env.add(plain(AgentEnvironment.DATA_DIR, DATA_PATH));
        env.add(plain(AgentEnvironment.CONFIG_DIR, CONFIG_PATH));
        env.add(plain(AgentEnvironment.CASSANDRA_VERSION, cluster.cassandraVersion()));
        env.add(plain(AgentEnvironment.NUM_TOKENS, String.valueOf(ClusterShape.TOKENS_PER_NODE)));
        env.add(plain(AgentEnvironment.AUTH, String.valueOf(cluster.authEnabled())));
        if (dc.spec().getHeap() != null) {
            env.add(plain(AgentEnvironment.HEAP, dc.spec().getHeap()));
        }
        return env;
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /**
     * A digest of everything in a node's configuration that needs a restart to take effect. The
     * StatefulSet template carries it, so a change shows in the pods' template revision and the
     * operator knows which pods run an old configuration.
     */
    static String configHash(ClusterShape cluster, DatacenterShape dc) {
        StringBuilder all = new StringBuilder();
        all.append(cluster.cassandraVersion())
                .append('\n')
                .append(cluster.authEnabled())
                .append('\n')
                .append(dc.spec().getHeap())
                .append('\n')
                .append(nodeConfigFiles(cluster, dc))
                .append('\n')
                .append(dc.spec().getResources());
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Zone and label placement of a rack's pods, and one Cassandra pod per worker. */
    static final class Placement {
        private Placement() {}

        static io.fabric8.kubernetes.api.model.Affinity affinity(ClusterShape cluster, RackShape rack) {
            List<NodeSelectorRequirement> requirements = new ArrayList<>();
            if (rack.zone() != null && !rack.zone().isBlank()) {
                requirements.add(new NodeSelectorRequirementBuilder()
                        .withKey("topology.kubernetes.io/zone")
                        .withOperator("In")
                        .withValues(rack.zone())
                        .build());
            }
            rack.nodeAffinityLabels()
                    .forEach((k, v) -> requirements.add(new NodeSelectorRequirementBuilder()
                            .withKey(k)
                            .withOperator("In")
                            .withValues(v)
                            .build()));
            var builder = new io.fabric8.kubernetes.api.model.AffinityBuilder()
                    .withNewPodAntiAffinity()
                    .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withTopologyKey("kubernetes.io/hostname")
                    .withNewLabelSelector()
                    .withMatchLabels(Map.of(ClusterNames.LABEL_CLUSTER, cluster.resourceName()))
                    .endLabelSelector()
                    .endRequiredDuringSchedulingIgnoredDuringExecution()
                    .endPodAntiAffinity();
            if (!requirements.isEmpty()) {
                builder.withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm()
                        .withMatchExpressions(requirements)
                        .endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution()
                        .endNodeAffinity();
            }
            return builder.build();
        }
    }
}
