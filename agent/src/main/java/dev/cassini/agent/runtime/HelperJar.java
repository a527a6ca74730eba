package dev.cassini.agent.runtime;

import dev.cassini.helper.HelperAgent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jar to pass to Cassandra as {@code -javaagent}. In a packaged install it is the helper jar
 * already on the agent's classpath; when the agent runs from a build tree (classes directories),
 * the helper's classes are packed into a jar under the node's state directory.
 */
public final class HelperJar {
    private HelperJar() {}

    public static Path locate(Path scratchDir) throws IOException {
        Path source;
        try {
            source = Path.of(HelperAgent.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the Cassini helper classes", e);
        }
        if (Files.isRegularFile(source)) {
            return source;
        }
        return pack(source, scratchDir.resolve("cassini-helper.jar"));
    }

    private static Path pack(Path classesDir, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), HelperAgent.class.getName());
        Path tmp = Files.createTempFile(jar.getParent(), "helper", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest);
                Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".class"))
                    .toList()) {
                out.putNextEntry(
                        new JarEntry(classesDir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        Files.move(
                tmp,
                jar,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }
}
