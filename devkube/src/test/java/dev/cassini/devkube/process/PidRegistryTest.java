package dev.cassini.devkube.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRegistryTest {
    @TempDir
    Path dir;

    @Test
    void reapsARecordedProcessLeftAliveByAnEarlierRun() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            new PidRegistry(dir).record("sleeper", sleeper.toHandle());
            // a new registry on the same directory, as after a JVM killed with SIGKILL
            PidRegistry next = new PidRegistry(dir);
            assertThat(next.reapLeftovers()).isEqualTo(1);
            assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(next.names()).isEmpty();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void neverKillsAProcessWhosePidWasReused() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            // same PID, different start time: not the process we started
            Files.writeString(dir.resolve("other.pid"), sleeper.pid() + " 1000\n");
            assertThat(new PidRegistry(dir).reapLeftovers()).isZero();
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor();
        }
    }
}
