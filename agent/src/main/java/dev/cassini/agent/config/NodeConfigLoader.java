package dev.cassini.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.NodeDefaults;
import dev.cassini.exporter.ExporterSettings;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a node's configuration the way a pod receives it: environment variables, plus optional
 * files in a mounted directory ({@value #ENV_CONFIG_DIR}). Collects every problem before failing,
 * so one run tells the user everything to fix.
 */
public final class NodeConfigLoader {
    public static final String ENV_CLUSTER_NAME = AgentEnvironment.CLUSTER_NAME;
    public static final String ENV_DATACENTER = AgentEnvironment.DATACENTER;
    public static final String ENV_RACK = AgentEnvironment.RACK;
    public static final String ENV_ADDRESS = AgentEnvironment.ADDRESS;
    /** Set by Kubernetes through the downward API; used when {@value #ENV_ADDRESS} is absent. */
    public static final String ENV_POD_IP = AgentEnvironment.POD_IP;

    public static final String ENV_SEEDS = AgentEnvironment.SEEDS;
    public static final String ENV_DATA_DIR = AgentEnvironment.DATA_DIR;
    public static final String ENV_INITIAL_TOKENS = AgentEnvironment.INITIAL_TOKENS;
    public static final String ENV_NUM_TOKENS = AgentEnvironment.NUM_TOKENS;
    public static final String ENV_AUTH = AgentEnvironment.AUTH;
    public static final String ENV_HEAP = AgentEnvironment.HEAP;
    public static final String ENV_CASSANDRA_VERSION = AgentEnvironment.CASSANDRA_VERSION;
    public static final String ENV_CASSANDRA_YAML = AgentEnvironment.CASSANDRA_YAML;
    public static final String ENV_JVM_OPTIONS = AgentEnvironment.JVM_OPTIONS;
    public static final String ENV_CONFIG_DIR = AgentEnvironment.CONFIG_DIR;
    public static final String ENV_API_PORT = AgentEnvironment.API_PORT;
    public static final String ENV_START = AgentEnvironment.START;
    /** The pod name; Kubernetes also sets {@value #ENV_HOSTNAME} to it, which is the fallback. */
    public static final String ENV_NODE_NAME = AgentEnvironment.NODE_NAME;

    public static final String ENV_HOSTNAME = "HOSTNAME";
    public static final String ENV_METRICS_PORT = AgentEnvironment.METRICS_PORT;
    public static final String ENV_METRICS_TABLES_ALLOW = AgentEnvironment.METRICS_TABLES_ALLOW;
    public static final String ENV_METRICS_TABLES_DENY = AgentEnvironment.METRICS_TABLES_DENY;
    public static final String ENV_METRICS_TABLE_LIMIT = AgentEnvironment.METRICS_TABLE_LIMIT;

    /** In {@value #ENV_CONFIG_DIR}: cassandra.yaml overrides (a mapping). */
    public static final String FILE_CASSANDRA_YAML = "cassandra.yaml";
    /** In {@value #ENV_CONFIG_DIR}: JVM options, one per line, # for comments. */
    public static final String FILE_JVM_OPTIONS = "jvm.options";

    /**
     * Settings the agent derives itself. Overriding them would break what the agent and operator
     * rely on (addresses, directories, identity), so they are refused with the setting to use instead.
     */
    static final Map<String, String> MANAGED_YAML_KEYS = managedKeys();

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,47}");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEAP = Pattern.compile("(\\d+)([MmGg])");
    private static final Pattern VERSION = Pattern.compile("5\\.0\\.\\d+");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");
    private static final int MIN_HEAP_MEGABYTES = NodeDefaults.MIN_HEAP_MEGABYTES;
    private static final int MAX_HEAP_MEGABYTES = NodeDefaults.MAX_HEAP_MEGABYTES;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NodeConfigLoader() {}

    /** Reads the mounted files named by the environment, then {@link #parse}s. */
    public static NodeConfig load(Map<String, String> env) throws InvalidNodeConfigException {
        Map<String, String> files = new LinkedHashMap<>();
        String dir = env.get(ENV_CONFIG_DIR);
        if (dir != null && !dir.isBlank()) {
            Path configDir = Path.of(dir);
            if (!Files.isDirectory(configDir)) {
                throw new InvalidNodeConfigException(List.of(ENV_CONFIG_DIR + "=" + dir
                        + " is not a directory; mount the node configuration there or unset it"));
            }
            for (String name : List.of(FILE_CASSANDRA_YAML, FILE_JVM_OPTIONS)) {
                Path file = configDir.resolve(name);
                if (Files.isRegularFile(file)) {
                    try {
                        files.put(name, Files.readString(file));
                    } catch (IOException e) {
                        throw new InvalidNodeConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
                    }
                }
            }
        }
        return parse(env, files);
    }

    /** Pure: builds a config from environment variables and the contents of the optional config files. */
    public static NodeConfig parse(Map<String, String> env, Map<String, String> files)
            throws InvalidNodeConfigException {
        List<String> problems = new ArrayList<>();

        String clusterName = required(env, ENV_CLUSTER_NAME, problems);
        if (clusterName != null
                && (clusterName.length() > 100 || clusterName.chars().anyMatch(Character::isISOControl))) {
            problems.add(ENV_CLUSTER_NAME + " must be at most 100 printable characters");
        }
        String datacenter = name(env, ENV_DATACENTER, problems);
        String rack = name(env, ENV_RACK, problems);

        String addressSource = value(env, ENV_ADDRESS).isPresent() ? ENV_ADDRESS : ENV_POD_IP;
        String address = value(env, addressSource).orElse(null);
        if (address == null) {
            problems.add(ENV_ADDRESS + " (or " + ENV_POD_IP
                    + ") is required: the IP address this node listens on, e.g. 127.0.0.11");
        } else if (!isUsableAddress(address)) {
            problems.add(addressSource + "=" + address
                    + " is not a usable IPv4 address; give the pod IP, e.g. 127.0.0.11 (not a host name, not 0.0.0.0)");
        }

        List<String> seeds = new ArrayList<>();
        for (String seed : list(env, ENV_SEEDS)) {
            if (isUsableAddress(seed)) {
                seeds.add(seed);
            } else {
                problems.add(ENV_SEEDS + " contains '" + seed
                        + "', which is not an IPv4 address; give comma-separated IPs, e.g. 127.0.0.11,127.0.0.12");
            }
        }
        if (seeds.isEmpty() && address != null) {
            seeds.add(address); // a node with no seeds starts a ring of its own
        }

        Path dataDir = null;
        String dataDirValue = required(env, ENV_DATA_DIR, problems);
        if (dataDirValue != null) {
            dataDir = Path.of(dataDirValue);
            if (!dataDir.isAbsolute()) {
                problems.add(
                        ENV_DATA_DIR + "=" + dataDirValue + " must be an absolute path (the node's persistent volume)");
            }
        }

        List<Long> tokens = tokens(env, problems);
        int numTokens = integer(
                env,
                ENV_NUM_TOKENS,
                tokens.isEmpty() ? NodeConfig.DEFAULT_NUM_TOKENS : tokens.size(),
                1,
                1536,
                problems);
        if (!tokens.isEmpty() && value(env, ENV_NUM_TOKENS).isPresent() && numTokens != tokens.size()) {
            problems.add(ENV_NUM_TOKENS + "=" + numTokens + " but " + ENV_INITIAL_TOKENS + " lists " + tokens.size()
                    + " tokens; they must agree (or leave " + ENV_NUM_TOKENS + " unset)");
        }

        boolean auth = bool(env, ENV_AUTH, true, problems);
        int heap = heap(env, problems);
        String version = value(env, ENV_CASSANDRA_VERSION).orElse(NodeConfig.DEFAULT_CASSANDRA_VERSION);
        if (!VERSION.matcher(version).matches()) {
            problems.add(ENV_CASSANDRA_VERSION + "=" + version
                    + " is not supported; Cassini runs Apache Cassandra 5.0.x, e.g. "
                    + NodeConfig.DEFAULT_CASSANDRA_VERSION);
        }

        Map<String, Object> yaml = new LinkedHashMap<>();
        mergeYaml(files.get(FILE_CASSANDRA_YAML), ENV_CONFIG_DIR + "/" + FILE_CASSANDRA_YAML, yaml, problems);
        mergeYaml(env.get(ENV_CASSANDRA_YAML), ENV_CASSANDRA_YAML, yaml, problems);
        for (String key : new TreeSet<>(yaml.keySet())) {
            if (MANAGED_YAML_KEYS.containsKey(key)) {
                problems.add(
                        "cassandra.yaml setting '" + key + "' is managed by Cassini; " + MANAGED_YAML_KEYS.get(key));
            }
        }
        Object nativePort = yaml.get("native_transport_port");
        if (nativePort != null && !(nativePort instanceof Integer p && p > 0 && p < 65536)) {
            problems.add("cassandra.yaml setting 'native_transport_port' must be a port number, got " + nativePort);
        }

        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.addAll(jvmOptionLines(files.get(FILE_JVM_OPTIONS)));
        jvmOptions.addAll(list(env, ENV_JVM_OPTIONS, "\\s+"));
        for (String option : jvmOptions) {
            if (!option.startsWith("-")) {
                problems.add("JVM option '" + option
                        + "' does not start with '-'; give options like -XX:+UseG1GC or -Dname=value");
            } else if (setsHeap(option)) {
                problems.add("JVM option '" + option + "' sets the heap; set " + ENV_HEAP + " (e.g. 1G) instead");
            }
        }

        int apiPort = integer(env, ENV_API_PORT, NodeConfig.DEFAULT_API_PORT, 1, 65535, problems);
        boolean start = bool(env, ENV_START, false, problems);
        String nodeName = nodeName(env, address, problems);
        MetricsConfig metrics =
                metrics(env, apiPort, nativePort instanceof Integer p ? p : NodeConfig.DEFAULT_NATIVE_PORT, problems);
        CassandraTls tls = CassandraTls.fromEnvironment(env, problems);
        if (tls.any()) {
            for (String key :
                    tls.yaml(Path.of("keystore"), Path.of("truststore")).keySet()) {
                if (yaml.containsKey(key)) {
                    problems.add("cassandra.yaml setting '" + key + "' is set by "
                            + AgentEnvironment.CLIENT_ENCRYPTION + "/" + AgentEnvironment.INTERNODE_ENCRYPTION
                            + " with the node's certificate; leave it out of the overrides");
                }
            }
        }

        if (!problems.isEmpty()) {
            throw new InvalidNodeConfigException(problems);
        }
        return new NodeConfig(
                clusterName,
                datacenter,
                rack,
                address,
                seeds,
                dataDir,
                tokens,
                numTokens,
                auth,
                heap,
                version,
                yaml,
                jvmOptions,
                apiPort,
                start,
                nodeName,
                metrics,
                tls);
    }

    private static String nodeName(Map<String, String> env, String address, List<String> problems) {
        String source = value(env, ENV_NODE_NAME).isPresent() ? ENV_NODE_NAME : ENV_HOSTNAME;
        Optional<String> given = value(env, source);
        if (given.isEmpty()) {
            return address; // outside Kubernetes; the address was checked above
        }
        String name = given.get();
        if (!NODE_NAME.matcher(name).matches()) {
            problems.add(source + "=" + name
                    + " is not a usable node name; give the pod name (letters, digits, '.', '_', '-', at most 253)");
        }
        return name;
    }

    /** The exporter shares the node address with the API, CQL and gossip, so its port must differ from theirs. */
    private static MetricsConfig metrics(Map<String, String> env, int apiPort, int nativePort, List<String> problems) {
        int port = integer(env, ENV_METRICS_PORT, NodeConfig.DEFAULT_METRICS_PORT, 0, 65535, problems);
        if (port != 0 && (port == apiPort || port == nativePort || port == NodeConfig.STORAGE_PORT)) {
            problems.add(ENV_METRICS_PORT + "=" + port + " is already used on the node address (API " + apiPort
                    + ", CQL " + nativePort + ", storage " + NodeConfig.STORAGE_PORT
                    + "); pick another port, or 0 to turn metrics off");
        }
        String allow = regex(env, ENV_METRICS_TABLES_ALLOW, ExporterSettings.DEFAULT_TABLE_ALLOW, problems);
        String deny = regex(env, ENV_METRICS_TABLES_DENY, ExporterSettings.DEFAULT_TABLE_DENY, problems);
        int limit = integer(env, ENV_METRICS_TABLE_LIMIT, ExporterSettings.DEFAULT_TABLE_LIMIT, 0, 100_000, problems);
        return new MetricsConfig(port, allow, deny, limit);
    }

    private static String regex(Map<String, String> env, String key, String fallback, List<String> problems) {
        String v = value(env, key).orElse(fallback);
        try {
            Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            problems.add(key + "=" + v + " is not a regular expression (" + e.getDescription()
                    + "); it is matched against keyspace.table, e.g. shop\\..*");
        }
        return v;
    }

    /** -Xmx/-Xms and their -XX spellings: appended last, they would silently replace {@value #ENV_HEAP}. */
    private static boolean setsHeap(String option) {
        return option.startsWith("-Xmx")
                || option.startsWith("-Xms")
                || option.startsWith("-XX:MaxHeapSize=")
                || option.startsWith("-XX:InitialHeapSize=")
                || option.startsWith("-XX:MinHeapSize=");
    }

    public static boolean isUsableAddress(String address) {
        return IPV4.matcher(address).matches() && !address.equals("0.0.0.0") && !address.equals("255.255.255.255");
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static String required(Map<String, String> env, String key, List<String> problems) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            problems.add(key + " is required");
        }
        return v.orElse(null);
    }

    private static String name(Map<String, String> env, String key, List<String> problems) {
        String v = required(env, key, problems);
        if (v != null && !NAME.matcher(v).matches()) {
            problems.add(
                    key + "=" + v + " must be 1-48 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return v;
    }

    private static List<String> list(Map<String, String> env, String key) {
        return list(env, key, ",");
    }

    private static List<String> list(Map<String, String> env, String key, String separator) {
        return value(env, key)
                .map(v -> Arrays.stream(v.split(separator))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static List<Long> tokens(Map<String, String> env, List<String> problems) {
        List<Long> tokens = new ArrayList<>();
        Set<Long> seen = new TreeSet<>();
        for (String token : list(env, ENV_INITIAL_TOKENS)) {
            try {
                long t = Long.parseLong(token);
                if (!seen.add(t)) {
                    problems.add(ENV_INITIAL_TOKENS + " lists token " + t + " twice; every token must be distinct");
                }
                tokens.add(t);
            } catch (NumberFormatException e) {
                problems.add(ENV_INITIAL_TOKENS + " contains '" + token
                        + "', which is not a Murmur3 token (a signed 64-bit integer)");
            }
        }
        return tokens;
    }

    private static int integer(
            Map<String, String> env, String key, int fallback, int min, int max, List<String> problems) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problems.add(key + "=" + n + " is out of range; give a number from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + "=" + v.get() + " is not a whole number; give a number from " + min + " to " + max);
            return fallback;
        }
    }

    private static boolean bool(Map<String, String> env, String key, boolean fallback, List<String> problems) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            return fallback;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add(key + "=" + v.get() + " must be true or false");
                return fallback;
        }
    }

    private static int heap(Map<String, String> env, List<String> problems) {
        Optional<String> v = value(env, ENV_HEAP);
        if (v.isEmpty()) {
            return NodeConfig.DEFAULT_HEAP_MEGABYTES;
        }
        var m = HEAP.matcher(v.get());
        if (!m.matches()) {
            problems.add(ENV_HEAP + "=" + v.get() + " must be a size in megabytes or gigabytes, e.g. 512M or 2G");
            return NodeConfig.DEFAULT_HEAP_MEGABYTES;
        }
        // Exact arithmetic: a long would overflow on absurd sizes (or wrap into range).
        BigInteger size = new BigInteger(m.group(1))
                .multiply(BigInteger.valueOf(m.group(2).equalsIgnoreCase("g") ? 1024 : 1));
        if (size.compareTo(BigInteger.valueOf(MIN_HEAP_MEGABYTES)) < 0
                || size.compareTo(BigInteger.valueOf(MAX_HEAP_MEGABYTES)) > 0) {
            problems.add(ENV_HEAP + "=" + v.get() + " is out of range; Cassandra needs at least "
                    + NodeDefaults.MIN_HEAP + ", at most " + NodeDefaults.MAX_HEAP);
            return NodeConfig.DEFAULT_HEAP_MEGABYTES;
        }
        return size.intValueExact();
    }

    @SuppressWarnings("unchecked")
    private static void mergeYaml(String text, String source, Map<String, Object> into, List<String> problems) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return; // only comments, or an explicit null: no overrides
            }
            Object parsed = YAML.treeToValue(tree, Object.class);
            if (!(parsed instanceof Map)) {
                problems.add(
                        source + " must be a YAML mapping of cassandra.yaml settings, e.g. 'concurrent_reads: 32'");
                return;
            }
            into.putAll((Map<String, Object>) parsed);
        } catch (JsonProcessingException e) {
            problems.add(source + " is not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static List<String> jvmOptionLines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static Map<String, String> managedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("cluster_name", "set " + ENV_CLUSTER_NAME);
        for (String k : List.of(
                "listen_address",
                "listen_interface",
                "broadcast_address",
                "rpc_address",
                "rpc_interface",
                "broadcast_rpc_address",
                "native_transport_address")) {
            keys.put(k, "the node address comes from " + ENV_ADDRESS + " (the pod IP)");
        }
        keys.put("seed_provider", "seeds come from " + ENV_SEEDS + " and the agent's seeds API");
        for (String k : List.of(
                "data_file_directories",
                "commitlog_directory",
                "saved_caches_directory",
                "hints_directory",
                "cdc_raw_directory",
                "metadata_directory",
                "local_system_data_file_directory")) {
            keys.put(k, "directories live under " + ENV_DATA_DIR);
        }
        keys.put(
                "endpoint_snitch",
                "Cassini uses GossipingPropertyFileSnitch with " + ENV_DATACENTER + " and " + ENV_RACK);
        keys.put("initial_token", "set " + ENV_INITIAL_TOKENS);
        keys.put("num_tokens", "set " + ENV_NUM_TOKENS);
        keys.put(
                "partitioner",
                "Cassini's tokens are Murmur3 tokens; every node runs org.apache.cassandra.dht.Murmur3Partitioner");
        keys.put(
                "auto_bootstrap",
                "the operator decides it on each start (autoBootstrap of POST /api/v1/lifecycle/start); "
                        + "false on a joining node would serve reads without its data");
        keys.put("storage_port", "every node of a cluster must use storage port " + NodeConfig.STORAGE_PORT);
        for (String k : List.of("authenticator", "authorizer", "role_manager")) {
            keys.put(k, "set " + ENV_AUTH + "=true or false");
        }
        return Map.copyOf(keys);
    }
}
