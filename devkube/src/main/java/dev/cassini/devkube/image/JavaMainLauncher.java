package dev.cassini.devkube.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an image as {@code java -cp <classpath> <jvm options> <main class> <container args>}: the
 * usual launcher for Cassini images, whose code is on this JVM's class path already.
 */
public record JavaMainLauncher(String mainClass, String classpath, List<String> jvmOptions) implements ImageLauncher {

    /** A launcher that runs {@code mainClass} from the class path of the JVM devkube runs in. */
    public static JavaMainLauncher onThisClasspath(String mainClass, String... jvmOptions) {
        return new JavaMainLauncher(mainClass, System.getProperty("java.class.path"), List.of(jvmOptions));
    }

    /**
     * A launcher for an image's entrypoint written as its JVM options and then its main class,
     * separated by spaces ({@code -Xmx256m -XX:+UseSerialGC dev.cassini.agent.AgentMain}), run
     * from the class path of the JVM devkube runs in. So a process here runs with the options the
     * image's own entrypoint gives it, not with the JVM's defaults for this whole machine.
     */
    public static JavaMainLauncher forEntrypoint(String entrypoint) {
        List<String> words = List.of(entrypoint.trim().split("\\s+"));
        String mainClass = words.get(words.size() - 1);
        if (mainClass.isEmpty() || mainClass.startsWith("-")) {
            throw new IllegalArgumentException(
                    "an image's entrypoint ends with its main class, after its JVM options: " + entrypoint);
        }
        return new JavaMainLauncher(
                mainClass, System.getProperty("java.class.path"), words.subList(0, words.size() - 1));
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public List<String> commandLine(ContainerLaunch launch) {
        List<String> line = new ArrayList<>();
        line.add(javaExecutable());
        line.add("-cp");
        line.add(classpath);
        if (launch.memoryLimitBytes() > 0) {
            // In a container the JVM sizes its heap from the cgroup's limit (and a pod's
            // -XX:MaxRAMPercentage is a share of it); a process here has no cgroup, so it is told the
            // limit, or it would size itself from this whole machine. Options of the image's own win.
            line.add("-XX:MaxRAM=" + launch.memoryLimitBytes());
        }
        line.addAll(jvmOptions);
        line.add(mainClass);
        line.addAll(launch.args());
        return line;
    }

    /**
     * The container's environment, with every value that names a path inside a volume mount (e.g.
     * {@code CASSINI_DATA_DIR=/var/lib/cassandra}) turned into the directory behind that mount, as
     * the path would resolve inside a real container. Other values pass unchanged.
     */
    @Override
    public Map<String, String> environment(ContainerLaunch launch) {
        Map<String, String> env = new LinkedHashMap<>(launch.env());
        env.replaceAll((name, value) ->
                insideAMount(launch, value) ? launch.hostPath(value).toString() : value);
        inClusterCredentials(launch, env);
        return env;
    }

    /** Where a pod's ServiceAccount token, the cluster's CA and the pod's namespace are mounted. */
    public static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    /**
     * A Kubernetes client in the pod (fabric8's in-cluster configuration) reads its token, CA and
     * namespace at fixed paths under {@value #SERVICE_ACCOUNT_DIR}, which here is a directory of
     * devkube's, not of the process's own filesystem. These variables, which fabric8 reads before
     * those paths, name that directory's files instead. And as a container has no home directory of
     * the user's, the client must not take a kubeconfig from there (it would act as whoever that is,
     * on whichever cluster): unless the container names one in KUBECONFIG, it reads none.
     */
    private static void inClusterCredentials(ContainerLaunch launch, Map<String, String> env) {
        if (!env.containsKey("KUBECONFIG")) {
            env.putIfAbsent("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        }
        if (!insideAMount(launch, SERVICE_ACCOUNT_DIR)) {
            return;
        }
        env.putIfAbsent(
                "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN",
                launch.hostPath(SERVICE_ACCOUNT_DIR + "/token").toString());
        env.putIfAbsent(
                "KUBERNETES_CERTS_CA_FILE",
                launch.hostPath(SERVICE_ACCOUNT_DIR + "/ca.crt").toString());
        env.putIfAbsent(
                "KUBENAMESPACE",
                launch.hostPath(SERVICE_ACCOUNT_DIR + "/namespace").toString());
    }

    private static boolean insideAMount(ContainerLaunch launch, String value) {
        if (value == null || !value.startsWith("/")) {
            return false;
        }
        for (String mountPath : launch.mounts().keySet()) {
            String prefix = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
            if (value.equals(prefix) || value.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
