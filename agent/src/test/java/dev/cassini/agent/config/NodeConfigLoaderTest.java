package dev.cassini.agent.config;

import static dev.cassini.agent.config.NodeConfigLoader.ENV_ADDRESS;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_API_PORT;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_AUTH;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_CASSANDRA_VERSION;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_CLUSTER_NAME;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_DATACENTER;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_DATA_DIR;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_HEAP;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_INITIAL_TOKENS;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_NUM_TOKENS;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_POD_IP;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_RACK;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_SEEDS;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The environment variables of a node: accepted values, defaults, and what each rejection tells the user. */
class NodeConfigLoaderTest {
    private static final String DATA_DIR = "/var/lib/cassini/node1";

    private static Map<String, String> validEnv() {
        Map<String, String> env = new HashMap<>();
        env.put(ENV_CLUSTER_NAME, "demo");
        env.put(ENV_DATACENTER, "dc1");
        env.put(ENV_RACK, "r1");
        env.put(ENV_ADDRESS, "127.0.0.11");
        env.put(ENV_DATA_DIR, DATA_DIR);
        return env;
    }

    private static Map<String, String> validEnvWith(String key, String value) {
        Map<String, String> env = validEnv();
        env.put(key, value);
        return env;
    }

    private static NodeConfig parse(Map<String, String> env) {
        try {
            return NodeConfigLoader.parse(env, Map.of());
        } catch (InvalidNodeConfigException e) {
            throw new AssertionError("expected a valid configuration, got: " + e.getMessage(), e);
        }
    }

    private static List<String> problems(Map<String, String> env) {
        InvalidNodeConfigException e =
                catchThrowableOfType(InvalidNodeConfigException.class, () -> NodeConfigLoader.parse(env, Map.of()));
        assertThat(e).as("configuration should be refused").isNotNull();
        return e.problems();
    }

    // ---- defaults and accepted values ----

    @Test
    void minimalEnvironmentGetsDocumentedDefaults() {
        NodeConfig config = parse(validEnv());

        assertThat(config.clusterName()).isEqualTo("demo");
        assertThat(config.datacenter()).isEqualTo("dc1");
        assertThat(config.rack()).isEqualTo("r1");
        assertThat(config.address()).isEqualTo("127.0.0.11");
        assertThat(config.seeds()).containsExactly("127.0.0.11");
        assertThat(config.dataDir()).isEqualTo(Path.of(DATA_DIR));
        assertThat(config.initialTokens()).isEmpty();
        assertThat(config.numTokens()).isEqualTo(16);
        assertThat(config.authEnabled()).isTrue();
        assertThat(config.heapMegabytes()).isEqualTo(512);
        assertThat(config.cassandraVersion()).isEqualTo("5.0.6");
        assertThat(config.cassandraYaml()).isEmpty();
        assertThat(config.jvmOptions()).isEmpty();
        assertThat(config.apiPort()).isEqualTo(8080);
        assertThat(config.startOnBoot()).isFalse();
        assertThat(config.nativePort()).isEqualTo(9042);
    }

    @Test
    void everySettingIsTakenFromTheEnvironment() {
        Map<String, String> env = validEnv();
        env.put(ENV_CLUSTER_NAME, "Prod Cluster #1");
        env.put(ENV_DATACENTER, "eu-west_1.a");
        env.put(ENV_RACK, "rack-9");
        env.put(ENV_ADDRESS, "10.1.2.3");
        env.put(ENV_SEEDS, "10.1.2.1, 10.1.2.2");
        env.put(ENV_INITIAL_TOKENS, "-9223372036854775808, 0,9223372036854775807");
        env.put(ENV_AUTH, "false");
        env.put(ENV_HEAP, "2G");
        env.put(ENV_CASSANDRA_VERSION, "5.0.2");
        env.put(ENV_API_PORT, "9090");
        env.put(ENV_START, "true");

        NodeConfig config = parse(env);

        assertThat(config.clusterName()).isEqualTo("Prod Cluster #1");
        assertThat(config.datacenter()).isEqualTo("eu-west_1.a");
        assertThat(config.rack()).isEqualTo("rack-9");
        assertThat(config.address()).isEqualTo("10.1.2.3");
        assertThat(config.seeds()).containsExactly("10.1.2.1", "10.1.2.2");
        assertThat(config.initialTokens()).containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
        assertThat(config.numTokens()).isEqualTo(3);
        assertThat(config.authEnabled()).isFalse();
        assertThat(config.heapMegabytes()).isEqualTo(2048);
        assertThat(config.cassandraVersion()).isEqualTo("5.0.2");
        assertThat(config.apiPort()).isEqualTo(9090);
        assertThat(config.startOnBoot()).isTrue();
    }

    @Test
    void valuesAreTrimmed() {
        Map<String, String> env = validEnv();
        env.put(ENV_CLUSTER_NAME, "  demo  ");
        env.put(ENV_ADDRESS, " 127.0.0.11\n");
        env.put(ENV_API_PORT, " 8081 ");

        NodeConfig config = parse(env);

        assertThat(config.clusterName()).isEqualTo("demo");
        assertThat(config.address()).isEqualTo("127.0.0.11");
        assertThat(config.apiPort()).isEqualTo(8081);
    }

    // ---- required settings, all reported at once ----

    @Test
    void emptyEnvironmentReportsEveryRequiredSettingAtOnce() {
        List<String> problems = problems(Map.of());

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "CASSINI_CLUSTER_NAME is required",
                        "CASSINI_DATACENTER is required",
                        "CASSINI_RACK is required",
                        "CASSINI_ADDRESS (or POD_IP) is required: the IP address this node listens on, e.g. 127.0.0.11",
                        "CASSINI_DATA_DIR is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {ENV_CLUSTER_NAME, ENV_DATACENTER, ENV_RACK, ENV_DATA_DIR})
    void blankRequiredSettingIsReportedAsMissing(String key) {
        assertThat(problems(validEnvWith(key, "   "))).containsExactly(key + " is required");
    }

    @Test
    void unrelatedProblemsAreCollectedInOneException() {
        Map<String, String> env = validEnv();
        env.put(ENV_RACK, "bad rack");
        env.put(ENV_HEAP, "lots");
        env.put(ENV_API_PORT, "0");
        env.put(ENV_AUTH, "yes");
        env.put(ENV_SEEDS, "seed1");

        InvalidNodeConfigException e =
                catchThrowableOfType(InvalidNodeConfigException.class, () -> NodeConfigLoader.parse(env, Map.of()));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems())
                .anyMatch(p -> p.startsWith("CASSINI_RACK=bad rack"))
                .anyMatch(p -> p.startsWith("CASSINI_HEAP=lots"))
                .anyMatch(p -> p.startsWith("CASSINI_API_PORT=0"))
                .anyMatch(p -> p.startsWith("CASSINI_AUTH=yes"))
                .anyMatch(p -> p.startsWith("CASSINI_SEEDS contains 'seed1'"));
        // The message shows one line per problem.
        assertThat(e.getMessage().lines().filter(l -> l.startsWith("  - "))).hasSize(5);
        assertThat(e.getMessage()).startsWith("invalid node configuration:");
    }

    // ---- cluster name, datacenter, rack ----

    @Test
    void clusterNameOfOneHundredCharactersIsAccepted() {
        assertThat(parse(validEnvWith(ENV_CLUSTER_NAME, "c".repeat(100))).clusterName())
                .hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "bell\u0007ring", "new\nline"})
    void clusterNameWithControlCharactersIsRefused(String name) {
        assertThat(problems(validEnvWith(ENV_CLUSTER_NAME, name)))
                .containsExactly("CASSINI_CLUSTER_NAME must be at most 100 printable characters");
    }

    @Test
    void clusterNameOverOneHundredCharactersIsRefused() {
        assertThat(problems(validEnvWith(ENV_CLUSTER_NAME, "c".repeat(101))))
                .containsExactly("CASSINI_CLUSTER_NAME must be at most 100 printable characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dc1", "DC_1", "a", "0dc", "eu-west-1.b"})
    void datacenterAndRackNamesThatSnitchesAcceptAreAccepted(String name) {
        Map<String, String> env = validEnv();
        env.put(ENV_DATACENTER, name);
        env.put(ENV_RACK, name);
        NodeConfig config = parse(env);
        assertThat(config.datacenter()).isEqualTo(name);
        assertThat(config.rack()).isEqualTo(name);
    }

    @Test
    void namesOfFortyEightCharactersAreAcceptedAndLongerRefused() {
        assertThat(parse(validEnvWith(ENV_DATACENTER, "d".repeat(48))).datacenter())
                .hasSize(48);
        assertThat(problems(validEnvWith(ENV_DATACENTER, "d".repeat(49))))
                .containsExactly("CASSINI_DATACENTER=" + "d".repeat(49)
                        + " must be 1-48 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dc 1", "-dc", ".dc", "_dc", "dc/1", "dc=1", "dc:1", "dç"})
    void datacenterAndRackNamesWithOtherCharactersAreRefused(String name) {
        Map<String, String> env = validEnv();
        env.put(ENV_DATACENTER, name);
        env.put(ENV_RACK, name);
        assertThat(problems(env))
                .containsExactly(
                        "CASSINI_DATACENTER=" + name
                                + " must be 1-48 letters, digits, '_', '.' or '-', starting with a letter or digit",
                        "CASSINI_RACK=" + name
                                + " must be 1-48 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }

    // ---- address ----

    @Test
    void podIpIsUsedWhenNoAddressIsSet() {
        Map<String, String> env = validEnv();
        env.remove(ENV_ADDRESS);
        env.put(ENV_POD_IP, "10.244.1.7");

        NodeConfig config = parse(env);

        assertThat(config.address()).isEqualTo("10.244.1.7");
        assertThat(config.seeds()).containsExactly("10.244.1.7");
    }

    @Test
    void podIpIsUsedWhenAddressIsBlank() {
        Map<String, String> env = validEnvWith(ENV_ADDRESS, " ");
        env.put(ENV_POD_IP, "10.244.1.7");
        assertThat(parse(env).address()).isEqualTo("10.244.1.7");
    }

    @Test
    void explicitAddressWinsOverPodIp() {
        Map<String, String> env = validEnvWith(ENV_POD_IP, "10.244.1.7");
        assertThat(parse(env).address()).isEqualTo("127.0.0.11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.255", "192.168.1.1", "1.2.3.4", "250.251.252.253"})
    void ipv4AddressesAreAccepted(String address) {
        assertThat(parse(validEnvWith(ENV_ADDRESS, address)).address()).isEqualTo(address);
        assertThat(NodeConfigLoader.isUsableAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "node-1.cassandra",
                "0.0.0.0",
                "255.255.255.255",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "::1",
                "1.2.3.4:7000",
                "-1.2.3.4"
            })
    void addressesThatAreNotUsableIpv4AreRefused(String address) {
        assertThat(NodeConfigLoader.isUsableAddress(address)).isFalse();
        assertThat(problems(validEnvWith(ENV_ADDRESS, address)))
                .containsExactly(
                        "CASSINI_ADDRESS=" + address
                                + " is not a usable IPv4 address; give the pod IP, e.g. 127.0.0.11 (not a host name, not 0.0.0.0)");
    }

    @Test
    void unusablePodIpIsReportedUnderPodIp() {
        Map<String, String> env = validEnv();
        env.remove(ENV_ADDRESS);
        env.put(ENV_POD_IP, "fd00::7");

        assertThat(problems(env))
                .containsExactly(
                        "POD_IP=fd00::7"
                                + " is not a usable IPv4 address; give the pod IP, e.g. 127.0.0.11 (not a host name, not 0.0.0.0)");
    }

    // ---- seeds ----

    @Test
    void seedsAreCommaSeparatedTrimmedAndEmptyEntriesSkipped() {
        NodeConfig config = parse(validEnvWith(ENV_SEEDS, " 127.0.0.12 ,,127.0.0.13, "));
        assertThat(config.seeds()).containsExactly("127.0.0.12", "127.0.0.13");
    }

    @Test
    void seedsDefaultToTheNodesOwnAddress() {
        assertThat(parse(validEnvWith(ENV_SEEDS, " , ")).seeds()).containsExactly("127.0.0.11");
    }

    @Test
    void everyInvalidSeedIsReportedByName() {
        assertThat(problems(validEnvWith(ENV_SEEDS, "127.0.0.12,seed-a,127.0.0.999")))
                .containsExactly(
                        "CASSINI_SEEDS contains 'seed-a', which is not an IPv4 address; give comma-separated IPs, e.g. 127.0.0.11,127.0.0.12",
                        "CASSINI_SEEDS contains '127.0.0.999', which is not an IPv4 address; give comma-separated IPs, e.g. 127.0.0.11,127.0.0.12");
    }

    // ---- data directory ----

    @Test
    void relativeDataDirIsRefused() {
        assertThat(problems(validEnvWith(ENV_DATA_DIR, "data/node1")))
                .containsExactly("CASSINI_DATA_DIR=data/node1 must be an absolute path (the node's persistent volume)");
    }

    // ---- tokens ----

    @Test
    void numTokensDefaultsToTheNumberOfInitialTokens() {
        NodeConfig config = parse(validEnvWith(ENV_INITIAL_TOKENS, "-100,100"));
        assertThat(config.initialTokens()).containsExactly(-100L, 100L);
        assertThat(config.numTokens()).isEqualTo(2);
    }

    @Test
    void numTokensThatAgreesWithInitialTokensIsAccepted() {
        Map<String, String> env = validEnvWith(ENV_INITIAL_TOKENS, "-100,100");
        env.put(ENV_NUM_TOKENS, "2");
        assertThat(parse(env).numTokens()).isEqualTo(2);
    }

    @Test
    void numTokensThatDisagreesWithInitialTokensIsRefused() {
        Map<String, String> env = validEnvWith(ENV_INITIAL_TOKENS, "-100,100");
        env.put(ENV_NUM_TOKENS, "16");
        assertThat(problems(env))
                .containsExactly("CASSINI_NUM_TOKENS=16 but CASSINI_INITIAL_TOKENS lists 2 tokens;"
                        + " they must agree (or leave CASSINI_NUM_TOKENS unset)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "8", "256", "1536"})
    void numTokensFromOneTo1536IsAccepted(String value) {
        assertThat(parse(validEnvWith(ENV_NUM_TOKENS, value)).numTokens()).isEqualTo(Integer.parseInt(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1537"})
    void numTokensOutOfRangeIsRefused(String value) {
        assertThat(problems(validEnvWith(ENV_NUM_TOKENS, value)))
                .containsExactly("CASSINI_NUM_TOKENS=" + value + " is out of range; give a number from 1 to 1536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"many", "1.5", "16x", "99999999999"})
    void numTokensThatIsNotAWholeNumberIsRefused(String value) {
        assertThat(problems(validEnvWith(ENV_NUM_TOKENS, value)))
                .containsExactly(
                        "CASSINI_NUM_TOKENS=" + value + " is not a whole number; give a number from 1 to 1536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "9223372036854775808", "-9223372036854775809", "0x10"})
    void initialTokenThatIsNotA64BitIntegerIsRefused(String token) {
        assertThat(problems(validEnvWith(ENV_INITIAL_TOKENS, "5," + token)))
                .containsExactly("CASSINI_INITIAL_TOKENS contains '" + token
                        + "', which is not a Murmur3 token (a signed 64-bit integer)");
    }

    @Test
    void duplicateInitialTokenIsRefused() {
        assertThat(problems(validEnvWith(ENV_INITIAL_TOKENS, "1,2,1")))
                .containsExactly("CASSINI_INITIAL_TOKENS lists token 1 twice; every token must be distinct");
    }

    // ---- auth, start ----

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "True,true", "false,false", "FALSE,false"})
    void authAcceptsTrueOrFalseInAnyCase(String value, boolean expected) {
        assertThat(parse(validEnvWith(ENV_AUTH, value)).authEnabled()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "no"})
    void authAndStartRefuseAnythingButTrueOrFalse(String value) {
        Map<String, String> env = validEnvWith(ENV_AUTH, value);
        env.put(ENV_START, value);
        assertThat(problems(env))
                .containsExactly(
                        "CASSINI_AUTH=" + value + " must be true or false",
                        "CASSINI_START=" + value + " must be true or false");
    }

    @Test
    void startOnBootIsTakenFromStart() {
        assertThat(parse(validEnvWith(ENV_START, "true")).startOnBoot()).isTrue();
        assertThat(parse(validEnvWith(ENV_START, "false")).startOnBoot()).isFalse();
    }

    // ---- heap ----

    @ParameterizedTest
    @CsvSource({"256M,256", "512m,512", "1G,1024", "2g,2048", "4096M,4096", "64G,65536"})
    void heapIsGivenInMegabytesOrGigabytes(String value, int megabytes) {
        assertThat(parse(validEnvWith(ENV_HEAP, value)).heapMegabytes()).isEqualTo(megabytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"512", "1.5G", "1T", "512MB", "G", "-1G", "big"})
    void heapInAnotherFormIsRefused(String value) {
        assertThat(problems(validEnvWith(ENV_HEAP, value)))
                .containsExactly(
                        "CASSINI_HEAP=" + value + " must be a size in megabytes or gigabytes, e.g. 512M or 2G");
    }

    @ParameterizedTest
    @ValueSource(strings = {"255M", "0G", "65G", "65537M", "18014398509481985G", "99999999999999999999G"})
    void heapOutOfRangeIsRefused(String value) {
        assertThat(problems(validEnvWith(ENV_HEAP, value)))
                .containsExactly(
                        "CASSINI_HEAP=" + value + " is out of range; Cassandra needs at least 256M, at most 64G");
    }

    // ---- version ----

    @ParameterizedTest
    @ValueSource(strings = {"5.0.0", "5.0.6", "5.0.12"})
    void cassandra50VersionsAreAccepted(String version) {
        assertThat(parse(validEnvWith(ENV_CASSANDRA_VERSION, version)).cassandraVersion())
                .isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.1.5", "5.1.0", "5.0", "5.0.x", "5.0.6-SNAPSHOT", "latest"})
    void otherCassandraVersionsAreRefused(String version) {
        assertThat(problems(validEnvWith(ENV_CASSANDRA_VERSION, version)))
                .containsExactly("CASSINI_CASSANDRA_VERSION=" + version
                        + " is not supported; Cassini runs Apache Cassandra 5.0.x, e.g. 5.0.6");
    }

    // ---- API port ----

    @ParameterizedTest
    @ValueSource(strings = {"1", "8080", "65535"})
    void apiPortFromOneTo65535IsAccepted(String port) {
        assertThat(parse(validEnvWith(ENV_API_PORT, port)).apiPort()).isEqualTo(Integer.parseInt(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-80"})
    void apiPortOutOfRangeIsRefused(String port) {
        assertThat(problems(validEnvWith(ENV_API_PORT, port)))
                .containsExactly("CASSINI_API_PORT=" + port + " is out of range; give a number from 1 to 65535");
    }

    @Test
    void apiPortThatIsNotANumberIsRefused() {
        assertThat(problems(validEnvWith(ENV_API_PORT, "http")))
                .containsExactly("CASSINI_API_PORT=http is not a whole number; give a number from 1 to 65535");
    }
}
