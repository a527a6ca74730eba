package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusFactoryTest {
    private final PodStatusFactory factory = new PodStatusFactory();
    private final ContainerRun run = new ContainerRun(
            new ContainerBuilder().withName("c").withImage("cassini/testserver").build(), false);

    @Test
    void aWaitingContainerMakesAPendingUnreadyPodWithItsAddress() {
        PodStatus status =
                factory.build("Pending", null, null, "127.9.1.1", "127.9.0.10", Instant.EPOCH, List.of(), List.of(run));
        assertThat(status.getPodIP()).isEqualTo("127.9.1.1");
        assertThat(status.getHostIP()).isEqualTo("127.9.0.10");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ContainerCreating");
    }

    @Test
    void readinessFlipsTheConditionsAndAnUnchangedStatusIsEqual() {
        run.ready = true;
        PodStatus first =
                factory.build("Running", null, null, "127.9.1.1", "h", Instant.EPOCH, List.of(), List.of(run));
        PodStatus second =
                factory.build("Running", null, null, "127.9.1.1", "h", Instant.EPOCH, List.of(), List.of(run));
        assertThat(condition(first, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(first, "ContainersReady").getStatus()).isEqualTo("True");
        assertThat(second)
                .as("transition times are kept, so nothing needs sending")
                .isEqualTo(first);
    }

    @Test
    void aTerminatedContainerReportsItsExitAndTheRestartCount() {
        run.currentTermination = new ContainerRun.Termination(3, "Error", Instant.EPOCH, Instant.EPOCH.plusSeconds(5));
        run.lastTermination = run.currentTermination;
        run.restartCount = 2;
        run.waitingReason = null;
        var status = factory.build("Failed", null, null, "ip", "h", Instant.EPOCH, List.of(), List.of(run))
                .getContainerStatuses()
                .get(0);
        assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getRestartCount()).isEqualTo(2);
    }

    private static PodCondition condition(PodStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
