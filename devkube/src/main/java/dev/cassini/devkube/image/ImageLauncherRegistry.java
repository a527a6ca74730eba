package dev.cassini.devkube.image;

import dev.cassini.devkube.testserver.TestServerMain;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image repository (without tag) to {@link ImageLauncher}. devkube registers its own test image
 * {@value #TEST_SERVER_IMAGE}; the CLI registers Cassini's images (e.g. {@code cassini/node} to
 * {@code java -cp <classpath> dev.cassini.agent.AgentMain}) before starting devkube.
 */
public final class ImageLauncherRegistry {
    public static final String TEST_SERVER_IMAGE = "cassini/testserver";

    private final Map<String, ImageLauncher> launchers = new ConcurrentHashMap<>();

    /** A registry that knows devkube's own test image only. */
    public static ImageLauncherRegistry withDefaults() {
        ImageLauncherRegistry registry = new ImageLauncherRegistry();
        registry.register(
                TEST_SERVER_IMAGE,
                JavaMainLauncher.onThisClasspath(
                        TestServerMain.class.getName(),
                        "-Xmx64m",
                        "-Xss512k",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto"));
        return registry;
    }

    public ImageLauncherRegistry register(String repository, ImageLauncher launcher) {
        launchers.put(repository, launcher);
        return this;
    }

    public Optional<ImageLauncher> find(ImageReference image) {
        return Optional.ofNullable(launchers.get(image.repository()));
    }

    public Set<String> repositories() {
        return new TreeSet<>(launchers.keySet());
    }

    /** Why a pod with this image cannot run, in words a user can act on. */
    public String unknownImageMessage(String image) {
        return "devkube cannot run image " + image + ": it runs pods as local processes and knows only the images "
                + repositories() + "; register a launcher for "
                + ImageReference.parse(image).repository()
                + " in the ImageLauncherRegistry, or use a real cluster for other images";
    }
}
