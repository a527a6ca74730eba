package dev.cassini.agent.runtime;

import java.io.IOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The Prometheus exporter jar to pass to Cassandra as {@code -javaagent}. It must be the shaded jar
 * (the exporter's dependencies relocated, since it shares Cassandra's classpath), which is the
 * exporter module's main artifact: in a packaged install it is on the agent's classpath; when the
 * agent runs from a build tree (classes directories) it is the jar the build left next to them.
 */
public final class ExporterJar {
    /** Found by resource rather than by class: loading exporter classes here would pull in Cassandra types. */
    static final String AGENT_CLASS = "dev/cassini/exporter/ExporterAgent.class";
    /** Present only in the shaded jar. */
    static final String SHADED_MARKER = "dev/cassini/exporter/shaded/";

    private ExporterJar() {}

    public static Path locate() throws IOException {
        URL resource = ExporterJar.class.getClassLoader().getResource(AGENT_CLASS);
        if (resource == null) {
            throw new IOException(
                    "the Cassini exporter is not on the agent's classpath; build it with `mvn -pl exporter package` "
                            + "or set CASSINI_METRICS_PORT=0 to run without metrics");
        }
        Path source = ClassLocation.of(resource, AGENT_CLASS);
        if (Files.isRegularFile(source) && isShaded(source)) {
            return source;
        }
        // A build tree: exporter/target/classes (or the unshaded jar), with the shaded jar in exporter/target.
        Path target = source.getParent();
        if (target != null) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "cassini-exporter-*.jar")) {
                for (Path jar : jars) {
                    if (isShaded(jar)) {
                        return jar;
                    }
                }
            }
        }
        throw new IOException(
                "found the Cassini exporter at " + source + " but no shaded exporter jar next to it; build it with "
                        + "`mvn -pl exporter package` or set CASSINI_METRICS_PORT=0 to run without metrics");
    }

    private static boolean isShaded(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().startsWith(SHADED_MARKER))
                    && file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Premain-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
