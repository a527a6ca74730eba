package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a pod's status from the kubelet's view of its containers. Condition transition times
 * are remembered per pod so an unchanged status is byte-for-byte equal and need not be sent.
 */
final class PodStatusFactory {
    private final Map<String, PodCondition> conditions = new HashMap<>();

    PodStatus build(
            String phase,
            String reason,
            String message,
            String podIp,
            String hostIp,
            Instant startTime,
            List<ContainerRun> initContainers,
            List<ContainerRun> containers) {
        boolean initialized =
                initContainers.stream().allMatch(c -> c.isFinished() && c.currentTermination.exitCode() == 0);
        boolean containersReady = !containers.isEmpty() && containers.stream().allMatch(c -> c.ready);
        boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
        PodStatusBuilder builder = new PodStatusBuilder()
                .withPhase(phase)
                .withReason(reason)
                .withMessage(message)
                .withHostIP(hostIp)
                .withHostIPs(new HostIP(hostIp))
                .withStartTime(time(startTime))
                .withQosClass(null)
                .withConditions(
                        condition("PodReadyToStartContainers", podIp != null),
                        condition("Initialized", initialized),
                        condition("ContainersReady", containersReady && !terminal),
                        condition("Ready", containersReady && !terminal),
                        condition("PodScheduled", true))
                .withInitContainerStatuses(
                        initContainers.stream().map(PodStatusFactory::status).toList())
                .withContainerStatuses(
                        containers.stream().map(PodStatusFactory::status).toList());
        if (podIp != null) {
            builder.withPodIP(podIp).withPodIPs(new PodIP(podIp));
        }
        return builder.build();
    }

    private PodCondition condition(String type, boolean status) {
        String value = status ? "True" : "False";
        PodCondition previous = conditions.get(type);
        if (previous != null && previous.getStatus().equals(value)) {
            return previous;
        }
        PodCondition next = new PodConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withLastTransitionTime(time(Instant.now()))
                .build();
        conditions.put(type, next);
        return next;
    }

    static ContainerStatus status(ContainerRun run) {
        ContainerStatusBuilder builder = new ContainerStatusBuilder()
                .withName(run.name())
                .withImage(run.image)
                .withImageID("devkube://" + run.image)
                .withReady(run.ready)
                .withStarted(run.started)
                .withRestartCount(run.restartCount);
        if (run.process != null) {
            builder.withContainerID("devkube://" + run.process.pid());
        }
        builder.withState(state(run));
        if (run.lastTermination != null) {
            builder.withLastState(terminated(run.lastTermination));
        }
        return builder.build();
    }

    private static ContainerState state(ContainerRun run) {
        if (run.isRunning()) {
            return new ContainerStateBuilder()
                    .withNewRunning()
                    .withStartedAt(time(run.startedAt))
                    .endRunning()
                    .build();
        }
        if (run.currentTermination != null && run.waitingReason == null) {
            return terminated(run.currentTermination);
        }
        return new ContainerStateBuilder()
                .withNewWaiting()
                .withReason(run.waitingReason == null ? "ContainerCreating" : run.waitingReason)
                .withMessage(run.waitingMessage)
                .endWaiting()
                .build();
    }

    private static ContainerState terminated(ContainerRun.Termination t) {
        return new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(t.exitCode())
                .withReason(t.reason())
                .withStartedAt(time(t.startedAt()))
                .withFinishedAt(time(t.finishedAt()))
                .endTerminated()
                .build();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
