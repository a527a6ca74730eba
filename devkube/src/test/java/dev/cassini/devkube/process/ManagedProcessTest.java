package dev.cassini.devkube.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {
    @TempDir
    Path dir;

    @Test
    void aChildTheProcessLeavesRunningWhenItExitsOnSigtermGoesWithIt() throws Exception {
        // Exits on SIGTERM at once without stopping its child, as an agent past its own timeout does.
        ManagedProcess parent = ManagedProcess.start(
                "parent",
                List.of("bash", "-c", "sleep 300 & trap 'exit 0' TERM; while true; do sleep 0.1; done"),
                Map.of(),
                true,
                dir,
                dir.resolve("parent.log"),
                new PidRegistry(dir.resolve("pids")));
        ProcessHandle child = null;
        try {
            for (int i = 0; i < 100 && child == null; i++) {
                child = parent.process()
                        .descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("sleep 300"))
                        .findFirst()
                        .orElse(null);
                Thread.sleep(50);
            }
            assertThat(child).as("the child the parent started").isNotNull();

            parent.terminate();
            assertThat(parent.awaitExit(Duration.ofSeconds(10))).isTrue();
            assertThat(child.isAlive())
                    .as("left running by its parent until devkube notices")
                    .isTrue();
            parent.forgetIfExited();

            assertThat(ProcessTree.waitFor(child, Duration.ofSeconds(5))).isTrue();
        } finally {
            parent.kill();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
