package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerRunTest {
    private final ContainerRun run = new ContainerRun(
            new ContainerBuilder().withName("c").withImage("cassini/testserver").build(), false);

    @Test
    void quickCrashesBackOffExponentiallyUpToThirtySeconds() {
        Instant t = Instant.EPOCH;
        long[] expected = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long millis : expected) {
            run.startedAt = t;
            run.recordExit(t.plusSeconds(1));
            assertThat(run.backoffMillis()).isEqualTo(millis);
        }
    }

    @Test
    void aLongHealthyRunResetsTheBackOff() {
        Instant t = Instant.EPOCH;
        for (int i = 0; i < 5; i++) {
            run.startedAt = t;
            run.recordExit(t.plusSeconds(1));
        }
        run.startedAt = t;
        run.recordExit(t.plus(Duration.ofMinutes(11)));
        assertThat(run.backoffMillis()).isEqualTo(1000);
    }
}
