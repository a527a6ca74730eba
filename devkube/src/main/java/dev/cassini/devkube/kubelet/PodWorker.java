package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod incarnation (one UID) from binding to deletion, on its own thread: address,
 * volumes, init containers, containers with restarts and probes, status reports, and graceful
 * termination followed by the final delete that lets the API object go.
 */
final class PodWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final long TICK_MILLIS = 200;
    /** How often Secret volumes are brought up to date (the kubelet's sync is about a minute). */
    static final long SECRET_SYNC_MILLIS = 20_000;

    private final KubeletContext ctx;
    private final ContainerStarter starter;
    private final PodStatusFactory statusFactory = new PodStatusFactory();
    private final String key;
    private final Thread thread;
    private final List<ContainerRun> initRuns = new ArrayList<>();
    private final List<ContainerRun> runs = new ArrayList<>();
    private final Set<String> warnedProbes = new HashSet<>();
    private volatile Pod pod;
    private volatile boolean gone;
    private volatile boolean shutdown;
    private PodStatus lastReported;
    private String podIp;
    private String hostIp;
    /** The pod shares its node's address (hostNetwork), which stays the same across incarnations. */
    private boolean hostNetwork;

    private Instant startTime;
    private Path podDirectory;
    private Map<String, Path> volumes;
    private long nextSecretSyncMillis;
    private String failedReason;
    private String failedMessage;

    PodWorker(KubeletContext ctx, Pod pod) {
        this.ctx = ctx;
        this.starter = new ContainerStarter(ctx);
        this.pod = pod;
        this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        this.thread = new Thread(this, "pod-" + key);
        this.thread.setDaemon(true);
        for (Container c : list(pod.getSpec().getInitContainers())) {
            initRuns.add(new ContainerRun(c, true));
        }
        for (Container c : pod.getSpec().getContainers()) {
            runs.add(new ContainerRun(c, false));
        }
    }

    void start() {
        thread.start();
    }

    void update(Pod latest) {
        pod = latest;
    }

    /** The API object is gone (force-deleted): stop the processes, nothing left to report. */
    void markGone() {
        gone = true;
    }

    /** devkube is stopping: stop the processes, leave the API object alone. */
    void shutdown() {
        shutdown = true;
        try {
            thread.join(ctx.shutdownGrace().toMillis() + 15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isDone() {
        return !thread.isAlive();
    }

    @Override
    public void run() {
        try {
            hostIp = ctx.nodeAddresses().getOrDefault(pod.getSpec().getNodeName(), ctx.apiServerHost());
            hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
            podIp = hostNetwork ? hostIp : ctx.ips().allocate();
            startTime = Instant.now();
            podDirectory = ctx.podsRoot()
                    .resolve(pod.getMetadata().getNamespace() + "_"
                            + pod.getMetadata().getName() + "_"
                            + pod.getMetadata().getUid());
            LOG.info(
                    "pod {} (uid {}) on node {}: starting with IP {}",
                    key,
                    pod.getMetadata().getUid(),
                    pod.getSpec().getNodeName(),
                    podIp);
            report();
            if (prepare()) {
                while (!stopRequested() && !isTerminal()) {
                    tick();
                    pause();
                }
            }
        } catch (RuntimeException e) {
            // A bug here must not delete the pod: fail it visibly and wait for its deletion as usual.
            LOG.error("pod {}: kubelet worker failed", key, e);
            failQuietly("DevkubeKubeletError", "devkube's kubelet failed to run this pod: " + e);
        }
        try {
            while (!stopRequested()) {
                pause(); // terminal pods keep their status until deleted
            }
        } finally {
            finish();
        }
    }

    private boolean prepare() {
        for (ContainerRun run : concat()) {
            if (!starter.canRun(run.spec)) {
                fail("UnknownImage", ctx.images().unknownImageMessage(run.image));
                return false;
            }
        }
        while (!stopRequested()) {
            try {
                volumes = new PodVolumes(ctx.client(), ctx.lookup()).prepare(pod, podDirectory, podIp, hostIp);
                nextSecretSyncMillis = System.currentTimeMillis() + SECRET_SYNC_MILLIS;
                return true;
            } catch (PodVolumes.NotReadyYet e) {
                setWaiting("ContainerCreating", e.getMessage());
                report();
                sleep(1000);
            } catch (IllegalArgumentException e) {
                fail("UnsupportedVolume", e.getMessage());
                return false;
            } catch (KubernetesClientException e) {
                LOG.warn("pod {}: cannot read its volumes' objects yet (will retry): {}", key, e.getMessage());
                sleep(1000);
            }
        }
        return false;
    }

    private void tick() {
        long now = System.currentTimeMillis();
        if (now >= nextSecretSyncMillis) {
            nextSecretSyncMillis = now + SECRET_SYNC_MILLIS;
            refreshSecrets();
        }
        for (ContainerRun run : initRuns) {
            if (!run.isFinished() || run.currentTermination.exitCode() != 0) {
                observeAndRestart(run, now);
                report();
                return; // init containers run one at a time, in order
            }
        }
        for (ContainerRun run : runs) {
            observeAndRestart(run, now);
            if (run.isRunning()) {
                runProbes(run, now);
            }
        }
        report();
    }

    private void refreshSecrets() {
        try {
            new PodVolumes(ctx.client(), ctx.lookup()).refreshSecrets(pod, volumes);
        } catch (RuntimeException e) {
            // the next sync tries again; the containers keep the files they have
            LOG.warn("pod {}: cannot bring its Secret volumes up to date (will retry): {}", key, e.getMessage());
        }
    }

    private void observeAndRestart(ContainerRun run, long now) {
        if (run.process != null && !run.process.isAlive() && run.currentTermination == null) {
            int code = run.process.exitCode();
            run.process.forgetIfExited();
            run.currentTermination = new ContainerRun.Termination(
                    code,
                    run.killedByLiveness ? "Error" : code == 0 ? "Completed" : "Error",
                    run.startedAt,
                    Instant.now());
            run.ready = false;
            run.started = false;
            run.recordExit(run.currentTermination.finishedAt());
            LOG.info("pod {}: container {} (pid {}) exited with code {}", key, run.name(), run.process.pid(), code);
            if (shouldRestart(run)) {
                run.nextStartMillis = now + run.backoffMillis();
                run.waitingReason = "CrashLoopBackOff";
                run.waitingMessage =
                        "back-off " + run.backoffMillis() / 1000 + "s restarting failed container=" + run.name();
                ctx.events()
                        .warning(
                                pod,
                                "BackOff",
                                "Back-off restarting exited container " + run.name() + " (exit code " + code + ")");
            } else {
                run.waitingReason = null;
            }
        }
        boolean neverStarted = run.process == null;
        boolean dueRestart = run.currentTermination != null && shouldRestart(run) && now >= run.nextStartMillis;
        if ((neverStarted && now >= run.nextStartMillis) || dueRestart) {
            startContainer(run, now);
        }
    }

    private void startContainer(ContainerRun run, long now) {
        try {
            var process = starter.start(pod, run.spec, podIp, hostIp, volumes, podDirectory);
            if (run.currentTermination != null) {
                run.lastTermination = run.currentTermination;
                run.restartCount++;
            }
            run.process = process;
            run.currentTermination = null;
            run.killedByLiveness = false;
            run.startedAt = Instant.now();
            run.waitingReason = null;
            run.waitingMessage = null;
            var spec = run.spec;
            run.startup = spec.getStartupProbe() == null
                    ? null
                    : new ProbeTracker(spec.getStartupProbe(), now, ProbeTracker.Result.UNKNOWN);
            run.readiness = spec.getReadinessProbe() == null
                    ? null
                    : new ProbeTracker(spec.getReadinessProbe(), now, ProbeTracker.Result.FAILURE);
            run.liveness = spec.getLivenessProbe() == null
                    ? null
                    : new ProbeTracker(spec.getLivenessProbe(), now, ProbeTracker.Result.SUCCESS);
            run.started = run.startup == null;
            run.ready = !run.init && run.started && run.readiness == null;
            LOG.info(
                    "pod {}: started container {} ({}) as pid {} on {}, log {}",
                    key,
                    run.name(),
                    run.image,
                    process.pid(),
                    podIp,
                    process.logFile());
            ctx.events()
                    .normal(
                            pod,
                            "Started",
                            "Started container " + run.name() + " as process " + process.pid() + " on " + podIp);
        } catch (RuntimeException e) {
            // e.g. a missing ConfigMap key in env: retried with back-off, as CreateContainerConfigError is
            run.waitingReason = "CreateContainerConfigError";
            run.waitingMessage = e.getMessage();
            run.nextStartMillis = now + run.backoffMillis();
            LOG.warn("pod {}: cannot start container {}: {}", key, run.name(), e.getMessage());
            ctx.events().warning(pod, "Failed", "Error: " + e.getMessage());
        }
    }

    private void runProbes(ContainerRun run, long now) {
        if (run.startup != null && run.startup.result() != ProbeTracker.Result.SUCCESS) {
            if (attempt(run, run.startup, now) == ProbeTracker.Result.FAILURE) {
                killUnhealthy(run, "startup");
                return;
            }
            run.started = run.startup.result() == ProbeTracker.Result.SUCCESS;
            if (!run.started) {
                return;
            }
            if (run.readiness == null) {
                run.ready = true;
            }
        }
        if (run.readiness != null && run.readiness.isDue(now)) {
            run.ready = attempt(run, run.readiness, now) == ProbeTracker.Result.SUCCESS;
        }
        if (run.liveness != null
                && run.liveness.isDue(now)
                && attempt(run, run.liveness, now) == ProbeTracker.Result.FAILURE) {
            killUnhealthy(run, "liveness");
        }
    }

    private ProbeTracker.Result attempt(ContainerRun run, ProbeTracker tracker, long now) {
        if (!tracker.isDue(now)) {
            return tracker.result();
        }
        if (!Prober.isSupported(tracker.probe())) {
            if (warnedProbes.add(run.name())) {
                LOG.warn(
                        "pod {}: container {} has an exec/grpc probe; devkube treats it as always passing",
                        key,
                        run.name());
            }
            return tracker.record(true, now);
        }
        return tracker.record(Prober.probe(tracker.probe(), run.spec, podIp), now);
    }

    private void killUnhealthy(ContainerRun run, String probe) {
        LOG.info("pod {}: container {} failed its {} probe, restarting it", key, run.name(), probe);
        ctx.events()
                .warning(
                        pod,
                        "Unhealthy",
                        probe.substring(0, 1).toUpperCase() + probe.substring(1) + " probe failed; container "
                                + run.name() + " will be restarted");
        run.killedByLiveness = true;
        run.process.terminate();
        if (!run.process.awaitExit(gracePeriod(pod.getSpec().getTerminationGracePeriodSeconds()))) {
            run.process.kill();
        }
    }

    private boolean shouldRestart(ContainerRun run) {
        String policy = pod.getSpec().getRestartPolicy() == null
                ? "Always"
                : pod.getSpec().getRestartPolicy();
        if (run.init) {
            return !"Never".equals(policy) && run.currentTermination.exitCode() != 0;
        }
        return switch (policy) {
            case "Never" -> false;
            case "OnFailure" -> run.currentTermination.exitCode() != 0;
            default -> true;
        };
    }

    private boolean isTerminal() {
        return failedReason != null || "Succeeded".equals(phase()) || "Failed".equals(phase());
    }

    private String phase() {
        if (failedReason != null) {
            return "Failed";
        }
        if (!initRuns.stream().allMatch(r -> r.isFinished() && r.currentTermination.exitCode() == 0)) {
            boolean initFailed = initRuns.stream()
                    .anyMatch(r -> r.isFinished() && r.currentTermination.exitCode() != 0 && !shouldRestart(r));
            return initFailed ? "Failed" : "Pending";
        }
        if (runs.stream().anyMatch(ContainerRun::isRunning)) {
            return "Running";
        }
        boolean allDone = runs.stream().allMatch(r -> r.currentTermination != null && !shouldRestart(r));
        if (allDone) {
            return runs.stream().allMatch(r -> r.currentTermination.exitCode() == 0) ? "Succeeded" : "Failed";
        }
        return runs.stream().anyMatch(r -> r.process != null) ? "Running" : "Pending";
    }

    private void fail(String reason, String message) {
        failedReason = reason;
        failedMessage = message;
        setWaiting(reason, message);
        LOG.warn("pod {}: failed ({}): {}", key, reason, message);
        ctx.events().warning(pod, "Failed", message);
        report();
    }

    private void failQuietly(String reason, String message) {
        try {
            fail(reason, message);
        } catch (RuntimeException e) {
            LOG.error("pod {}: cannot even report the failure", key, e);
        }
    }

    private void setWaiting(String reason, String message) {
        for (ContainerRun run : concat()) {
            if (run.process == null) {
                run.waitingReason = reason;
                run.waitingMessage = message;
            }
        }
    }

    private void report() {
        if (gone) {
            return;
        }
        PodStatus status =
                statusFactory.build(phase(), failedReason, failedMessage, podIp, hostIp, startTime, initRuns, runs);
        if (status.equals(lastReported)) {
            return;
        }
        Pod patch = new PodBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .endMetadata()
                .withStatus(status)
                .build();
        try {
            ctx.client()
                    .pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            lastReported = status;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                gone = true;
            } else {
                LOG.warn("pod {}: cannot report status (will retry): {}", key, e.getMessage());
            }
        }
    }

    private boolean stopRequested() {
        return gone || shutdown || pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Stops every process within one shared grace period, then lets the API object go. */
    private void finish() {
        Duration grace = shutdown
                ? min(gracePeriod(pod.getSpec().getTerminationGracePeriodSeconds()), ctx.shutdownGrace())
                : gracePeriod(
                        pod.getMetadata().getDeletionGracePeriodSeconds() != null
                                ? pod.getMetadata().getDeletionGracePeriodSeconds()
                                : pod.getSpec().getTerminationGracePeriodSeconds());
        List<ContainerRun> running =
                concat().stream().filter(ContainerRun::isRunning).toList();
        if (!shutdown && !gone) {
            running.forEach(r -> ctx.events()
                    .normal(
                            pod,
                            "Killing",
                            "Stopping container " + r.name() + " (SIGTERM, grace period " + grace.toSeconds() + " s)"));
        }
        long deadline = System.currentTimeMillis() + grace.toMillis();
        running.forEach(r -> runPreStopHook(r, deadline));
        running.forEach(r -> r.process.terminate());
        for (ContainerRun run : running) {
            long left = Math.max(0, deadline - System.currentTimeMillis());
            if (run.process.awaitExit(Duration.ofMillis(left))) {
                run.process.forgetIfExited();
                LOG.info("pod {}: container {} (pid {}) exited after SIGTERM", key, run.name(), run.process.pid());
            } else {
                run.process.kill();
                LOG.info(
                        "pod {}: container {} (pid {}) ignored SIGTERM for {} s, killed",
                        key,
                        run.name(),
                        run.process.pid(),
                        grace.toSeconds());
            }
        }
        if (podIp != null && !hostNetwork) {
            ctx.ips().release(podIp);
        }
        if (!shutdown && !gone) {
            try {
                ctx.client()
                        .pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .withGracePeriod(0)
                        .delete();
                LOG.info(
                        "pod {} (uid {}): processes gone, deleted",
                        key,
                        pod.getMetadata().getUid());
            } catch (KubernetesClientException e) {
                LOG.warn("pod {}: cannot finish deletion: {}", key, e.getMessage());
            }
        }
    }

    /**
     * A container's preStop hook, before its SIGTERM and within the same grace period, as on a
     * real node. httpGet and sleep hooks run; exec hooks are not supported (logged).
     */
    private void runPreStopHook(ContainerRun run, long deadline) {
        var lifecycle = run.spec.getLifecycle();
        var hook = lifecycle == null ? null : lifecycle.getPreStop();
        if (hook == null) {
            return;
        }
        int left = (int) Math.max(1, deadline - System.currentTimeMillis());
        if (hook.getHttpGet() != null) {
            boolean ok = Prober.httpGet(hook.getHttpGet(), run.spec, podIp, left);
            LOG.info("pod {}: preStop hook of container {} {}", key, run.name(), ok ? "succeeded" : "failed");
            if (!ok) {
                ctx.events().warning(pod, "FailedPreStopHook", "PreStop hook of container " + run.name() + " failed");
            }
        } else if (hook.getSleep() != null && hook.getSleep().getSeconds() != null) {
            sleep(Math.min(left, 1000L * hook.getSleep().getSeconds()));
        } else {
            LOG.warn("pod {}: container {} has an exec preStop hook; devkube does not run exec hooks", key, run.name());
        }
    }

    private static Duration gracePeriod(Long seconds) {
        return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private List<ContainerRun> concat() {
        List<ContainerRun> all = new ArrayList<>(initRuns);
        all.addAll(runs);
        return all;
    }

    private void pause() {
        sleep(TICK_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
