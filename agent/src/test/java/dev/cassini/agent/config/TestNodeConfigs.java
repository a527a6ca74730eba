package dev.cassini.agent.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Valid node configurations for tests, built through the real loader from a pod-like environment. */
public final class TestNodeConfigs {
    private TestNodeConfigs() {}

    /** The environment of a valid node at {@code address} with its volume at {@code dataDir}. */
    public static Map<String, String> env(Path dataDir, String address) {
        Map<String, String> env = new HashMap<>();
        env.put(NodeConfigLoader.ENV_CLUSTER_NAME, "demo");
        env.put(NodeConfigLoader.ENV_DATACENTER, "dc1");
        env.put(NodeConfigLoader.ENV_RACK, "r1");
        env.put(NodeConfigLoader.ENV_ADDRESS, address);
        env.put(NodeConfigLoader.ENV_DATA_DIR, dataDir.toAbsolutePath().toString());
        return env;
    }

    public static NodeConfig config(Path dataDir) {
        return config(dataDir, Map.of());
    }

    /** A valid config with some variables set or replaced. */
    public static NodeConfig config(Path dataDir, Map<String, String> overrides) {
        Map<String, String> env = env(dataDir, "127.0.0.11");
        env.putAll(overrides);
        try {
            return NodeConfigLoader.parse(env, Map.of());
        } catch (InvalidNodeConfigException e) {
            throw new AssertionError("test configuration is invalid: " + e.getMessage(), e);
        }
    }

    /** Parses an environment that must be valid. */
    public static NodeConfig parse(Map<String, String> env) {
        try {
            return NodeConfigLoader.parse(env, Map.of());
        } catch (InvalidNodeConfigException e) {
            throw new AssertionError("expected a valid configuration, got: " + e.getMessage(), e);
        }
    }

    /** The problems the loader reports for an environment that must be refused. */
    public static java.util.List<String> problems(Map<String, String> env) {
        try {
            NodeConfigLoader.parse(env, Map.of());
        } catch (InvalidNodeConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration should be refused: " + env);
    }
}
