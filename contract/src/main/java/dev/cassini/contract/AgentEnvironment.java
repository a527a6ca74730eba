package dev.cassini.contract;

/**
 * The environment variables that configure a node agent: the operator sets them in the pod
 * template, {@code cassini node} sets them from flags, the agent reads them.
 */
public final class AgentEnvironment {
    private AgentEnvironment() {}

    public static final String CLUSTER_NAME = "CASSINI_CLUSTER_NAME";
    public static final String DATACENTER = "CASSINI_DATACENTER";
    public static final String RACK = "CASSINI_RACK";
    public static final String ADDRESS = "CASSINI_ADDRESS";
    /** Kubernetes' conventional name for the pod's address (from the downward API). */
    public static final String POD_IP = "POD_IP";

    public static final String SEEDS = "CASSINI_SEEDS";
    public static final String DATA_DIR = "CASSINI_DATA_DIR";
    public static final String INITIAL_TOKENS = "CASSINI_INITIAL_TOKENS";
    public static final String NUM_TOKENS = "CASSINI_NUM_TOKENS";
    public static final String AUTH = "CASSINI_AUTH";
    public static final String HEAP = "CASSINI_HEAP";
    public static final String CASSANDRA_VERSION = "CASSINI_CASSANDRA_VERSION";
    public static final String CASSANDRA_YAML = "CASSINI_CASSANDRA_YAML";
    public static final String JVM_OPTIONS = "CASSINI_JVM_OPTIONS";
    public static final String CONFIG_DIR = "CASSINI_CONFIG_DIR";
    public static final String API_PORT = "CASSINI_API_PORT";
    public static final String START = "CASSINI_START";
    public static final String AUTO_BOOTSTRAP = "CASSINI_AUTO_BOOTSTRAP";
    /**
     * With {@link #START}: for a node of a brand-new ring, the replicas Cassandra gives {@code
     * system_auth}, {@code system_distributed} and {@code system_traces} when it creates them.
     */
    public static final String SYSTEM_KEYSPACE_REPLICAS = "CASSINI_SYSTEM_KEYSPACE_REPLICAS";

    /**
     * The agent API's TLS identity, as PEM files: its certificate, its key, and the CA a client's
     * certificate must be signed by. All three or none; with them the API is HTTPS and every route
     * but the health probes needs a client certificate.
     */
    public static final String API_TLS_CERTIFICATE = "CASSINI_API_TLS_CERT";

    public static final String API_TLS_KEY = "CASSINI_API_TLS_KEY";
    public static final String API_TLS_CA = "CASSINI_API_TLS_CA";

    /**
     * Cassandra's own TLS identity, as PEM files: the node's certificate (then its chain), its key,
     * and the CA that signs every node's certificate (the one clients and other nodes must trust).
     * All three or none; needed when either encryption below is on.
     */
    public static final String CASSANDRA_TLS_CERTIFICATE = "CASSINI_CASSANDRA_TLS_CERT";

    public static final String CASSANDRA_TLS_KEY = "CASSINI_CASSANDRA_TLS_KEY";
    public static final String CASSANDRA_TLS_CA = "CASSINI_CASSANDRA_TLS_CA";

    /** CQL clients' TLS: off (default), optional (TLS and plaintext on one port) or required. */
    public static final String CLIENT_ENCRYPTION = "CASSINI_CLIENT_ENCRYPTION";

    /**
     * TLS between nodes: off (default); accept (takes TLS and plaintext, sends plaintext); optional
     * (sends TLS, still takes plaintext); required (TLS only). A running cluster goes up these steps
     * one rolling restart at a time, each node ready for what the others send next.
     */
    public static final String INTERNODE_ENCRYPTION = "CASSINI_INTERNODE_ENCRYPTION";

    public static final String CASSANDRA_LIB = "CASSINI_CASSANDRA_LIB";
    public static final String NODE_NAME = "CASSINI_NODE_NAME";
    public static final String METRICS_PORT = "CASSINI_METRICS_PORT";
    public static final String METRICS_TABLES_ALLOW = "CASSINI_METRICS_TABLES_ALLOW";
    public static final String METRICS_TABLES_DENY = "CASSINI_METRICS_TABLES_DENY";
    public static final String METRICS_TABLE_LIMIT = "CASSINI_METRICS_TABLE_LIMIT";
}
