package dev.cassini.cli;

import dev.cassini.devkube.DevKubeDaemon;
import dev.cassini.devkube.DevKubeOptions;
import dev.cassini.devkube.DevKubeStatus;
import dev.cassini.devkube.KubeVersion;
import dev.cassini.devkube.PodLogs;
import dev.cassini.devkube.binaries.KubeBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cassini dev}: runs devkube, an embedded Kubernetes (real etcd, API server, controller
 * manager and scheduler, plus a kubelet that runs pods as local processes), in the background.
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run devkube, a real Kubernetes control plane on loopback whose pods run as local processes.",
            "",
            "  cassini dev start            # start in the background, print how to use kubectl",
            "  export KUBECONFIG=$(cassini dev kubeconfig)",
            "  kubectl get nodes",
            "  cassini dev logs <pod>       # a pod's container logs",
            "  cassini dev stop             # stop every devkube process",
            "",
            "Only images with a registered launcher run (cassini/node, cassini/operator, cassini/testserver); Services get",
            "no endpoints (the API server refuses loopback addresses in them): connect to pod IPs.",
        },
        subcommands = {
            DevCommand.Start.class,
            DevCommand.Stop.class,
            DevCommand.Status.class,
            DevCommand.Kubeconfig.class,
            DevCommand.Logs.class
        })
public final class DevCommand {
    /** The Cassini images (node agent, operator) run from this CLI's own class path. */
    static final Map<String, String> CASSINI_IMAGES = DevCluster.IMAGES;

    @Option(
            names = "--state-dir",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description =
                    "Where devkube keeps its state, logs and kubeconfig. Default: ~/.cache/cassini/devkube (or $CASSINI_CACHE/devkube).")
    Path stateDir;

    DevKubeDaemon daemon() {
        return new DevKubeDaemon(stateDir != null ? stateDir : DevKubeDaemon.defaultStateDirectory(System.getenv()));
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start devkube in the background (builds the control plane once if needed).")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        DevCommand parent;

        @Option(names = "--zones", split = ",", description = "Zone names. Default: zone-a,zone-b,zone-c.")
        List<String> zones = DevKubeOptions.DEFAULT_ZONES;

        @Option(names = "--nodes-per-zone", description = "Nodes in each zone. Default: 2.")
        int nodesPerZone = 2;

        @Option(
                names = "--timeout",
                description =
                        "Seconds to wait for devkube to be ready. Default: 120 (a first run builds Kubernetes and needs ~15 min).")
        long timeoutSeconds = 120;

        @Override
        public Integer call() {
            DevKubeDaemon daemon = parent.daemon();
            if (daemon.status().isPresent()) {
                System.out.println("devkube is already running.");
                printUsage(daemon.status().get());
                return 0;
            }
            System.out.println(
                    "starting devkube in " + daemon.stateDirectory() + " (log: " + daemon.logFile() + ") ...");
            Map<String, String> images = new LinkedHashMap<>(CASSINI_IMAGES);
            DevKubeStatus status = daemon.start(zones, nodesPerZone, images, Duration.ofSeconds(timeoutSeconds));
            System.out.println("devkube is running: " + status.nodes() + " nodes, API server " + status.server()
                    + " (control plane healthy after " + status.controlPlaneStartupMillis() + " ms).");
            printUsage(status);
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop devkube and every process it started.")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        DevCommand parent;

        @Override
        public Integer call() {
            boolean wasRunning = parent.daemon().stop(Duration.ofSeconds(60));
            System.out.println(
                    wasRunning
                            ? "devkube stopped."
                            : "devkube was not running (leftover processes, if any, were reaped).");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Tell whether devkube runs, and where.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DevCommand parent;

        @Override
        public Integer call() {
            DevKubeDaemon daemon = parent.daemon();
            Optional<DevKubeStatus> status = daemon.status();
            if (status.isEmpty()) {
                System.out.println(
                        daemon.isRunning()
                                ? "devkube is starting (log: " + daemon.logFile() + ")."
                                : "devkube is not running.");
                return daemon.isRunning() ? 0 : 3;
            }
            DevKubeStatus s = status.get();
            System.out.println(
                    "devkube is running (pid " + s.pid() + "): " + s.nodes() + " nodes, API server " + s.server());
            System.out.println("kubeconfig: " + s.kubeconfig());
            System.out.println("state:      " + daemon.stateDirectory());
            return 0;
        }
    }

    @Command(
            name = "kubeconfig",
            mixinStandardHelpOptions = true,
            description = "Print the path of devkube's kubeconfig (--print: its content).")
    static final class Kubeconfig implements Callable<Integer> {
        @ParentCommand
        DevCommand parent;

        @Option(names = "--print", description = "Print the kubeconfig itself instead of its path.")
        boolean print;

        @Override
        public Integer call() throws IOException {
            Optional<DevKubeStatus> status = parent.daemon().status();
            if (status.isEmpty()) {
                System.err.println("devkube is not running; start it with: cassini dev start");
                return 3;
            }
            System.out.println(
                    print
                            ? Files.readString(status.get().kubeconfig())
                            : status.get().kubeconfig().toString());
            return 0;
        }
    }

    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "Print the container logs of a pod's newest incarnation.")
    static final class Logs implements Callable<Integer> {
        @ParentCommand
        DevCommand parent;

        @Parameters(index = "0", description = "Pod name.")
        String pod;

        @Option(
                names = {"-n", "--namespace"},
                description = "Namespace. Default: default.")
        String namespace = "default";

        @Option(
                names = {"-c", "--container"},
                description = "Only this container.")
        String container;

        @Override
        public Integer call() throws IOException {
            Path podsRoot = parent.daemon().stateDirectory().resolve("pods");
            Optional<Path> dir = PodLogs.newestLogDirectory(podsRoot, namespace, pod);
            if (dir.isEmpty()) {
                System.err.println("no logs for pod " + namespace + "/" + pod + " in " + podsRoot
                        + " (wrong namespace? use -n; has the pod started?)");
                return 1;
            }
            try (Stream<Path> files = Files.list(dir.get())) {
                List<Path> logs = files.filter(f -> f.toString().endsWith(".log"))
                        .filter(f ->
                                container == null || f.getFileName().toString().equals(container + ".log"))
                        .sorted()
                        .toList();
                for (Path log : logs) {
                    if (logs.size() > 1) {
                        System.out.println("==> " + log.getFileName().toString().replace(".log", "") + " <==");
                    }
                    System.out.print(Files.readString(log));
                }
                if (logs.isEmpty()) {
                    System.err.println("pod " + namespace + "/" + pod + " has no container named " + container);
                    return 1;
                }
            }
            return 0;
        }
    }

    static void printUsage(DevKubeStatus status) {
        System.out.println();
        System.out.println("Point kubectl at it:");
        System.out.println("  export KUBECONFIG=" + status.kubeconfig());
        // devkube built a kubectl of the same version; say where, for machines without one
        KubeBinaries.find(System.getenv())
                .ifPresent(bin -> System.out.println(
                        "  export PATH=" + bin.directory() + ":$PATH   # kubectl " + KubeVersion.PINNED));
        System.out.println("  kubectl get nodes -L topology.kubernetes.io/zone");
        System.out.println("Stop it with: cassini dev stop");
    }
}
