package dev.cassini.agent.config;

import static dev.cassini.agent.config.NodeConfigLoader.ENV_API_PORT;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_CASSANDRA_YAML;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_HOSTNAME;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_METRICS_PORT;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_METRICS_TABLES_ALLOW;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_METRICS_TABLES_DENY;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_METRICS_TABLE_LIMIT;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_NODE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The metrics settings of a node (exporter port, table selection) and its node name. */
class NodeConfigLoaderMetricsTest {
    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = TestNodeConfigs.env(Path.of("/var/lib/cassini/node1"), "127.0.0.11");
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static NodeConfig parse(Map<String, String> env) {
        return TestNodeConfigs.parse(env);
    }

    private static List<String> problems(Map<String, String> env) {
        return TestNodeConfigs.problems(env);
    }

    @Test
    void metricsAreOnPort9500WithSystemTablesLeftOutByDefault() {
        MetricsConfig metrics = parse(env()).metrics();

        assertThat(metrics.enabled()).isTrue();
        assertThat(metrics.port()).isEqualTo(9500);
        assertThat(metrics.tableAllow()).isEqualTo(".*");
        assertThat("system_schema.tables").matches(metrics.tableDeny());
        assertThat("system.local").matches(metrics.tableDeny());
        assertThat("shop.orders").doesNotMatch(metrics.tableDeny());
        assertThat("systems.orders").doesNotMatch(metrics.tableDeny());
        assertThat(metrics.tableLimit()).isEqualTo(200);
    }

    @Test
    void portZeroTurnsMetricsOff() {
        assertThat(parse(env(ENV_METRICS_PORT, "0")).metrics().enabled()).isFalse();
    }

    @Test
    void tableSelectionIsTakenFromTheEnvironment() {
        MetricsConfig metrics = parse(env(
                        ENV_METRICS_PORT,
                        "9600",
                        ENV_METRICS_TABLES_ALLOW,
                        "shop\\..*",
                        ENV_METRICS_TABLES_DENY,
                        "shop\\.tmp_.*",
                        ENV_METRICS_TABLE_LIMIT,
                        "10"))
                .metrics();

        assertThat(metrics).isEqualTo(new MetricsConfig(9600, "shop\\..*", "shop\\.tmp_.*", 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "9042", "7000"})
    void portAlreadyUsedOnTheNodeAddressIsRefused(String port) {
        assertThat(problems(env(ENV_METRICS_PORT, port)))
                .singleElement()
                .asString()
                .startsWith(ENV_METRICS_PORT + "=" + port + " is already used on the node address")
                .contains("0 to turn metrics off");
    }

    @Test
    void portOfAMovedApiOrCqlPortIsRefusedToo() {
        assertThat(problems(env(ENV_METRICS_PORT, "9090", ENV_API_PORT, "9090")))
                .hasSize(1);
        assertThat(problems(env(ENV_METRICS_PORT, "9142", ENV_CASSANDRA_YAML, "native_transport_port: 9142")))
                .hasSize(1);
        assertThat(parse(env(ENV_API_PORT, "9500", ENV_METRICS_PORT, "9501"))
                        .metrics()
                        .port())
                .isEqualTo(9501);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "metrics"})
    void portOutOfRangeIsRefused(String port) {
        assertThat(problems(env(ENV_METRICS_PORT, port)))
                .singleElement()
                .asString()
                .startsWith(ENV_METRICS_PORT + "=" + port);
    }

    @Test
    void invalidRegularExpressionsAreRefusedWithTheVariable() {
        List<String> problems = problems(env(ENV_METRICS_TABLES_ALLOW, "shop\\.(", ENV_METRICS_TABLES_DENY, "[a-"));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(ENV_METRICS_TABLES_ALLOW + "=shop\\.( is not a regular expression");
        assertThat(problems.get(1)).startsWith(ENV_METRICS_TABLES_DENY + "=[a- is not a regular expression");
    }

    @Test
    void tableLimitMustBeANonNegativeNumber() {
        assertThat(parse(env(ENV_METRICS_TABLE_LIMIT, "0")).metrics().tableLimit())
                .isZero();
        assertThat(problems(env(ENV_METRICS_TABLE_LIMIT, "-1")))
                .singleElement()
                .asString()
                .startsWith(ENV_METRICS_TABLE_LIMIT);
    }

    @Test
    void nodeNameIsTheSettingThenTheHostnameThenTheAddress() {
        assertThat(parse(env(ENV_NODE_NAME, "demo-dc1-r1-0", ENV_HOSTNAME, "other"))
                        .nodeName())
                .isEqualTo("demo-dc1-r1-0");
        assertThat(parse(env(ENV_HOSTNAME, "demo-dc1-r1-1")).nodeName()).isEqualTo("demo-dc1-r1-1");
        assertThat(parse(env()).nodeName()).isEqualTo("127.0.0.11");
    }

    @Test
    void nodeNameWithSpacesIsRefused() {
        assertThat(problems(env(ENV_NODE_NAME, "my node")))
                .singleElement()
                .asString()
                .startsWith(ENV_NODE_NAME + "=my node is not a usable node name");
    }

    @Test
    void movingTheAddressKeepsTheMetricsSettings() {
        NodeConfig config = parse(env(ENV_METRICS_PORT, "9600"));

        assertThat(config.withAddress("127.0.0.77").metrics()).isEqualTo(config.metrics());
    }
}
