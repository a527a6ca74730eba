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

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public List<String> commandLine(ContainerLaunch launch) {
        List<String> line = new ArrayList<>();
        line.add(javaExecutable());
        line.add("-cp");
        line.add(classpath);
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
        return env;
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
