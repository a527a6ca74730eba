package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** cassandra-rackdc.properties, read back as Java properties the way the snitch reads it. */
class RackDcRendererTest {
    @Test
    void placementOfTheNodeIsWrittenForTheSnitch() throws Exception {
        NodeConfig config = TestNodeConfigs.config(
                Path.of("/data/node"),
                Map.of(
                        NodeConfigLoader.ENV_DATACENTER, "eu-west-1",
                        NodeConfigLoader.ENV_RACK, "eu-west-1b"));

        String text = RackDcRenderer.render(config);
        Properties properties = new Properties();
        properties.load(new StringReader(text));

        assertThat(properties).containsOnlyKeys("dc", "rack", "prefer_local");
        assertThat(properties.getProperty("dc")).isEqualTo("eu-west-1");
        assertThat(properties.getProperty("rack")).isEqualTo("eu-west-1b");
        assertThat(properties.getProperty("prefer_local")).isEqualTo("true");
        assertThat(text).startsWith("# Rendered by the Cassini node agent.");
    }
}
