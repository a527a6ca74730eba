package dev.cassini.devkube.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLauncherRegistryTest {
    private static ContainerLaunch launch(String image, List<String> args) {
        return new ContainerLaunch(
                ImageReference.parse(image),
                List.of(),
                args,
                Map.of(),
                Map.of(),
                Path.of("/tmp/rootfs"),
                "127.5.1.1",
                0);
    }

    @Test
    void theTestServerImageIsKnownByDefaultWhateverItsTag() {
        ImageLauncherRegistry registry = ImageLauncherRegistry.withDefaults();
        assertThat(registry.find(ImageReference.parse("cassini/testserver:1.2")))
                .isPresent();
        assertThat(registry.find(ImageReference.parse("cassini/node:5.0"))).isEmpty();
    }

    @Test
    void aRegisteredJavaMainLauncherRunsTheMainClassWithTheContainerArgs() {
        ImageLauncherRegistry registry = new ImageLauncherRegistry()
                .register(
                        "cassini/node",
                        new JavaMainLauncher("dev.cassini.agent.AgentMain", "a.jar:b.jar", List.of("-Xmx256m")));
        List<String> line = registry.find(ImageReference.parse("cassini/node:5.0.4"))
                .orElseThrow()
                .commandLine(launch("cassini/node:5.0.4", List.of("--port", "8080")));
        assertThat(line.get(0)).endsWith("/bin/java");
        assertThat(line.subList(1, line.size()))
                .containsExactly("-cp", "a.jar:b.jar", "-Xmx256m", "dev.cassini.agent.AgentMain", "--port", "8080");
    }

    @Test
    void anEntrypointGivesTheJvmOptionsBeforeTheMainClass() {
        JavaMainLauncher launcher =
                JavaMainLauncher.forEntrypoint(" -Xmx256m  -XX:+UseSerialGC dev.cassini.agent.AgentMain ");
        assertThat(launcher.mainClass()).isEqualTo("dev.cassini.agent.AgentMain");
        assertThat(launcher.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(JavaMainLauncher.forEntrypoint("x.Main").jvmOptions()).isEmpty();
        assertThatThrownBy(() -> JavaMainLauncher.forEntrypoint("x.Main -Xmx256m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with its main class");
    }

    @Test
    void theUnknownImageMessageSaysWhatIsKnownAndWhatToDo() {
        String message = ImageLauncherRegistry.withDefaults().unknownImageMessage("nginx:1.27");
        assertThat(message).contains("nginx:1.27", "cassini/testserver", "register a launcher for nginx");
    }
}
