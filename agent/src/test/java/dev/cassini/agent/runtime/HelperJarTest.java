package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.helper.HelperAgent;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The -javaagent jar for Cassandra, packed from the helper's classes when running from a build tree. */
class HelperJarTest {
    @TempDir
    Path scratch;

    @Test
    void locatedJarIsAJavaAgentWithTheHelperClasses() throws Exception {
        Path jar = HelperJar.locate(scratch);

        assertThat(jar).isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(HelperAgent.class.getName());
            assertThat(file.getEntry(HelperAgent.class.getName().replace('.', '/') + ".class"))
                    .isNotNull();
        }
    }

    @Test
    void locatingAgainGivesTheSameUsableJar() throws Exception {
        Path first = HelperJar.locate(scratch);
        Path second = HelperJar.locate(scratch);

        assertThat(second).isEqualTo(first);
        try (JarFile file = new JarFile(second.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(HelperAgent.class.getName());
        }
    }
}
