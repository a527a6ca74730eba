package dev.cassini.devkube.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
