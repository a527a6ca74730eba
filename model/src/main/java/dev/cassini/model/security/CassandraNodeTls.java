package dev.cassini.model.security;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node pod gets Cassandra's own TLS: the rack's Secret of node certificates (one per pod,
 * as {@link AgentApiTls} lays out the agents') mounted read-only, and the agent told which files
 * are its own and which encryption step to run. Nothing of it is in the template while both
 * encryptions are off, so a cluster without TLS keeps the template it had.
 */
public final class CassandraNodeTls {
    public static final String VOLUME = "cassandra-tls";
    public static final String MOUNT_PATH = "/var/run/cassini/cassandra-tls";

    private CassandraNodeTls() {}

    public static Volume volume(ClusterNames names, String datacenter, String rack) {
        return AgentApiTls.secretVolume(VOLUME, names.cassandraTlsSecret(datacenter, rack));
    }

    public static VolumeMount mount() {
        return AgentApiTls.readOnlyMount(VOLUME, MOUNT_PATH);
    }

    /** The agent's settings for {@code step}; {@code POD_NAME} must come before them in the container's env. */
    public static List<EnvVar> env(NodeEncryption step) {
        List<EnvVar> env = new ArrayList<>();
        env.add(env(
                AgentEnvironment.CASSANDRA_TLS_CERTIFICATE,
                MOUNT_PATH + "/" + AgentApiTls.certificateKey("$(POD_NAME)")));
        env.add(env(AgentEnvironment.CASSANDRA_TLS_KEY, MOUNT_PATH + "/" + AgentApiTls.privateKeyKey("$(POD_NAME)")));
        env.add(env(AgentEnvironment.CASSANDRA_TLS_CA, MOUNT_PATH + "/" + AgentApiTls.AUTHORITY));
        env.add(env(AgentEnvironment.CLIENT_ENCRYPTION, step.client().envValue()));
        env.add(env(AgentEnvironment.INTERNODE_ENCRYPTION, step.internode().envValue()));
        return env;
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
