package dev.cassini.cli;

import dev.cassini.api.v1alpha1.BackupStorageSpec;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.ObjectStoreException;
import dev.cassini.store.ObjectStoreSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The object store {@code cassini up} runs for backups: a real S3 server ({@link ObjectStoreMain})
 * as a Deployment in {@code cassini-system}, its data on a volume, with a generated credential and
 * a bucket, and the {@code spec.backup.storage} a cluster needs to use it.
 *
 * <p>devkube has no service network, so the pod uses its node's network on the first node: its
 * address is that node's and stays the same when the pod is replaced, which a cluster's storage
 * endpoint needs.
 */
final class DevObjectStore {
    static final String IMAGE_REPOSITORY = "cassini/objectstore";
    static final String NAME = "cassini-objectstore";
    /** The Secret, in the object store's namespace and in each cluster's, that holds the credential. */
    static final String CREDENTIALS = "cassini-objectstore-credentials";

    static final String BUCKET = "backups";
    static final int PORT = ObjectStoreMain.DEFAULT_PORT;
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", NAME);

    private final KubernetesClient client;
    private final String namespace;

    DevObjectStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Deploys the store (or leaves it as it is), waits until it answers, and makes sure the bucket exists. */
    BackupStorageSpec ensureRunning(Duration timeout) throws InterruptedException {
        Secret credentials = credentials();
        String node = client.nodes().list().getItems().stream()
                .map(Node::getMetadata)
                .map(m -> m.getName())
                .min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("devkube has no node to run the object store on"));
        client.resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName(NAME + "-data")
                        .withNamespace(namespace)
                        .withLabels(LABELS)
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withNewResources()
                        .withRequests(Map.of("storage", new Quantity("10Gi")))
                        .endResources()
                        .endSpec()
                        .build())
                .fieldManager("cassini-cli")
                .forceConflicts()
                .serverSideApply();
        client.resource(deployment(node))
                .fieldManager("cassini-cli")
                .forceConflicts()
                .serverSideApply();
        String address = awaitAddress(timeout);
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setBucket(BUCKET);
        storage.setEndpoint("http://" + address + ":" + PORT);
        storage.setPathStyle(true);
        storage.setCredentialsSecretRef(CREDENTIALS);
        createBucket(storage, credentials, timeout);
        return storage;
    }

    /** The credential: generated once, kept across {@code cassini up} runs. */
    private Secret credentials() {
        Secret existing =
                client.secrets().inNamespace(namespace).withName(CREDENTIALS).get();
        if (existing != null) {
            return existing;
        }
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[10];
        byte[] secret = new byte[20];
        random.nextBytes(key);
        random.nextBytes(secret);
        return client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(CREDENTIALS)
                        .withNamespace(namespace)
                        .withLabels(LABELS)
                        .endMetadata()
                        .addToStringData(
                                "accessKeyId",
                                "CASSINI" + HexFormat.of().formatHex(key).toUpperCase())
                        .addToStringData(
                                "secretAccessKey",
                                Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                        .build())
                .create();
    }

    /** Copies the credential into a cluster's namespace, where its {@code credentialsSecretRef} is looked up. */
    void shareCredentialsWith(String clusterNamespace) {
        if (clusterNamespace.equals(namespace)) {
            return;
        }
        Secret source =
                client.secrets().inNamespace(namespace).withName(CREDENTIALS).get();
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(CREDENTIALS)
                        .withNamespace(clusterNamespace)
                        .withLabels(LABELS)
                        .endMetadata()
                        .withData(source.getData())
                        .build())
                .fieldManager("cassini-cli")
                .forceConflicts()
                .serverSideApply();
    }

    private Deployment deployment(String node) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .withNewSelector()
                .withMatchLabels(LABELS)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withHostNetwork(true)
                .addNewContainer()
                .withName("objectstore")
                .withImage(IMAGE_REPOSITORY + ":dev")
                .withEnv(List.of(
                        fromPod("POD_IP", "status.podIP"),
                        plain(ObjectStoreMain.PORT_ENV, String.valueOf(PORT)),
                        plain(ObjectStoreMain.DATA_ENV, "/data"),
                        fromSecret(ObjectStoreMain.ACCESS_KEY_ENV, "accessKeyId"),
                        fromSecret(ObjectStoreMain.SECRET_KEY_ENV, "secretAccessKey")))
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/data")
                .endVolumeMount()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withNewPort(PORT)
                .endTcpSocket()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(NAME + "-data")
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromPod(String name, String field) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(field)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static EnvVar fromSecret(String name, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(CREDENTIALS)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    /** The address of the store's ready pod. */
    private String awaitAddress(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no pod yet";
        while (System.nanoTime() < deadline) {
            for (Pod pod : client.pods()
                    .inNamespace(namespace)
                    .withLabels(LABELS)
                    .list()
                    .getItems()) {
                if (pod.getStatus() == null) {
                    continue;
                }
                boolean ready = pod.getStatus().getConditions() != null
                        && pod.getStatus().getConditions().stream()
                                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (ready && pod.getStatus().getPodIP() != null) {
                    return pod.getStatus().getPodIP();
                }
                last = pod.getMetadata().getName() + " is " + pod.getStatus().getPhase()
                        + (pod.getStatus().getMessage() == null
                                ? ""
                                : ": " + pod.getStatus().getMessage());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the object store did not become ready in " + timeout.toSeconds() + " s ("
                + last + "); if devkube was started by an older cassini that does not know the image "
                + IMAGE_REPOSITORY + ", run ./cassini down and ./cassini up again");
    }

    private static void createBucket(BackupStorageSpec storage, Secret credentials, Duration timeout)
            throws InterruptedException {
        ObjectStoreSettings settings = new ObjectStoreSettings(
                storage.getEndpoint(),
                "us-east-1",
                true,
                value(credentials, "accessKeyId"),
                value(credentials, "secretAccessKey"),
                BUCKET,
                1);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ObjectStore store = new ObjectStore(settings)) {
            while (true) {
                try {
                    store.checkAccess(); // the bucket is there from an earlier run
                    return;
                } catch (ObjectStoreException missing) {
                    // no bucket yet, or the store is still starting: create it below
                }
                try {
                    store.createBucket();
                    return;
                } catch (ObjectStoreException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static String value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return secret.getStringData().get(key);
    }
}
