package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The exporter jar handed to Cassandra must be the shaded one: a Java agent carrying its relocated dependencies. */
class ExporterJarTest {
    @Test
    void locatedJarIsTheShadedExporterAgent() throws Exception {
        Path jar = ExporterJar.locate();

        assertThat(jar).isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo("dev.cassini.exporter.ExporterAgent");
            assertThat(file.getEntry(ExporterJar.AGENT_CLASS)).isNotNull();
            assertThat(file.stream().map(e -> e.getName()))
                    .anyMatch(n -> n.startsWith("dev/cassini/exporter/shaded/io/prometheus/metrics/expositionformats/"))
                    .noneMatch(n -> n.startsWith("io/prometheus/"));
        }
    }
}
