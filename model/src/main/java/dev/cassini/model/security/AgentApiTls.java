package dev.cassini.model.security;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * How a node pod gets the certificate its agent serves the API with: the rack's Secret mounted
 * read-only, and the agent told which of its files are this pod's.
 *
 * <p>A StatefulSet's pods share one template, so they share the Secret; each finds its own files
 * by its name ({@code $(POD_NAME)}, which the container's environment defines first). The Secret
 * is a volume, not environment, so a renewed certificate reaches the running agent, which reads
 * changed files on its next handshake, without restarting Cassandra.
 */
public final class AgentApiTls {
    /** The pod annotation that says its agent serves HTTPS: callers and probes read it. */
    public static final String ANNOTATION = "cassini.dev/agent-api";

    public static final String HTTPS = "https";
    public static final String VOLUME = "agent-tls";
    public static final String MOUNT_PATH = "/var/run/cassini/agent-tls";
    public static final String AUTHORITY = "ca.crt";

    /** Owner read only: the keys of every pod of the rack are in the volume. */
    static final int FILE_MODE = 0400;

    private AgentApiTls() {}

    public static String certificateKey(String pod) {
        return pod + ".crt";
    }

    public static String privateKeyKey(String pod) {
        return pod + ".key";
    }

    public static Volume volume(ClusterNames names, String datacenter, String rack) {
        return secretVolume(VOLUME, names.agentTlsSecret(datacenter, rack));
    }

    public static VolumeMount mount() {
        return readOnlyMount(VOLUME, MOUNT_PATH);
    }

    /** A rack's Secret of certificates as a volume, its files readable by their owner only. */
    static Volume secretVolume(String volume, String secret) {
        return new VolumeBuilder()
                .withName(volume)
                .withNewSecret()
                .withSecretName(secret)
                .withDefaultMode(FILE_MODE)
                .endSecret()
                .build();
    }

    static VolumeMount readOnlyMount(String volume, String path) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(true)
                .build();
    }

    /** The agent's TLS settings; {@code POD_NAME} must come before them in the container's env. */
    public static List<EnvVar> env() {
        return List.of(
                env(AgentEnvironment.API_TLS_CERTIFICATE, MOUNT_PATH + "/" + certificateKey("$(POD_NAME)")),
                env(AgentEnvironment.API_TLS_KEY, MOUNT_PATH + "/" + privateKeyKey("$(POD_NAME)")),
                env(AgentEnvironment.API_TLS_CA, MOUNT_PATH + "/" + AUTHORITY));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
