package dev.cassini.model;

/**
 * The names of everything the operator creates for one CassandraCluster. Pod names follow
 * {@code <cluster>-<dc>-<rack>-<ordinal>}, the StatefulSet controller's naming for a StatefulSet
 * called {@code <cluster>-<dc>-<rack>}.
 */
public record ClusterNames(String resourceName) {
    public String statefulSet(String datacenter, String rack) {
        return resourceName + "-" + datacenter + "-" + rack;
    }

    public String pod(String datacenter, String rack, int ordinal) {
        return statefulSet(datacenter, rack) + "-" + ordinal;
    }
    /** Headless service over every node of a DC, ready or not: stable DNS for tools and peers. */
    public String allPodsService(String datacenter) {
        return resourceName + "-" + datacenter + "-all-pods";
    }
    /** Headless service over the seed nodes of the whole cluster. */
    public String seedService() {
        return resourceName + "-seeds";
    }
    /** The clients' service of a DC: ready nodes only, CQL port. */
    public String clientService(String datacenter) {
        return resourceName + "-" + datacenter + "-cql";
    }

    public String podDisruptionBudget(String datacenter) {
        return resourceName + "-" + datacenter;
    }

    public String nodeConfigMap(String datacenter) {
        return resourceName + "-" + datacenter + "-config";
    }

    public String superuserSecret() {
        return resourceName + "-superuser";
    }

    /** The cluster's CA for the agents' API: its certificate and key, created once, never rendered into a pod. */
    public String agentCaSecret() {
        return resourceName + "-agent-ca";
    }

    /**
     * One rack's agent API certificates: {@code ca.crt} and, per pod, {@code <pod>.crt} and {@code
     * <pod>.key}. One Secret per rack, as a StatefulSet's pods share their volumes' sources.
     */
    public String agentTlsSecret(String datacenter, String rack) {
        return statefulSet(datacenter, rack) + "-agent-tls";
    }

    /**
     * The cluster's CA for Cassandra's own TLS (unless spec.tls.caSecretRef names the user's): apart
     * from the agents' CA, so the operator's agent client certificate cannot speak as a node.
     */
    public String cassandraCaSecret() {
        return resourceName + "-cassandra-ca";
    }

    /** One rack's Cassandra node certificates, laid out as {@link #agentTlsSecret}'s. */
    public String cassandraTlsSecret(String datacenter, String rack) {
        return statefulSet(datacenter, rack) + "-cassandra-tls";
    }

    public String volumeClaimTemplate() {
        return "data";
    }

    /** Labels every object of this cluster carries. */
    public static final String LABEL_CLUSTER = "cassini.dev/cluster";

    public static final String LABEL_DATACENTER = "cassini.dev/datacenter";
    public static final String LABEL_RACK = "cassini.dev/rack";
    public static final String LABEL_SEED = "cassini.dev/seed";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "cassini";
}
