package dev.cassini.devkube;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.image.JavaMainLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One devkube for all test classes of a test run (starting one costs seconds and a few hundred
 * MB): created by the first class that asks, closed when the whole run ends. Its state directory
 * is fixed ({@code target/devkube-it}, or {@code devkube-it-2}... while another build in the same
 * tree uses it), so a run killed half-way is reaped by the next one.
 * <p>Use {@code @ExtendWith(SharedDevKube.class)} and {@link #instance()}. Extra images come from
 * the system property {@value #IMAGES_PROPERTY}, e.g.
 * {@code cassini/node=-Xmx256m dev.cassini.agent.AgentMain} (comma-separated; JVM options, then
 * the main class), each run as {@code java -cp <test class path> <jvm options> <main class>}.
 */
public final class SharedDevKube implements BeforeAllCallback {
    public static final String IMAGES_PROPERTY = "devkube.images";
    private static final Path STATE_ROOT = Path.of("target").toAbsolutePath();
    private static volatile DevKube instance;

    @Override
    public void beforeAll(ExtensionContext context) {
        instance = get(context);
    }

    /** The shared devkube; valid in classes extended with this extension. */
    public static DevKube instance() {
        if (instance == null) {
            throw new IllegalStateException("add @ExtendWith(SharedDevKube.class) to the test class");
        }
        return instance;
    }

    public static DevKube get(ExtensionContext context) {
        ExtensionContext.Store store =
                context.getRoot().getStore(ExtensionContext.Namespace.create(SharedDevKube.class));
        return store.getOrComputeIfAbsent(
                        "devkube",
                        key -> new Holder(DevKube.start(
                                DevKubeOptions.defaults(stateDirectory()).withImages(images()))),
                        Holder.class)
                .devKube;
    }

    /**
     * A second devkube beside the shared one, with the same images, on a loopback subnet of its own:
     * another Kubernetes cluster whose pods reach the first one's as peered clusters' pods do. Its
     * state is {@code target/<name>} (or {@code <name>-N} while another build uses it); the caller
     * closes it.
     */
    public static DevKube startAnother(String name) {
        return DevKube.start(DevKubeOptions.defaults(stateDirectory(name)).withImages(images()));
    }

    /** {@code target/devkube-it}, or the next free {@code devkube-it-N} while another build uses it. */
    private static Path stateDirectory() {
        return stateDirectory("devkube-it");
    }

    private static Path stateDirectory(String name) {
        for (int i = 1; ; i++) {
            Path candidate = STATE_ROOT.resolve(i == 1 ? name : name + "-" + i);
            if (!DevKube.isInUse(candidate)) {
                return candidate;
            }
        }
    }

    private static ImageLauncherRegistry images() {
        ImageLauncherRegistry registry = ImageLauncherRegistry.withDefaults();
        String extra = System.getProperty(IMAGES_PROPERTY, "");
        for (String mapping : extra.split(",")) {
            if (!mapping.isBlank()) {
                String[] parts = mapping.trim().split("=", 2);
                registry.register(parts[0], JavaMainLauncher.forEntrypoint(parts[1]));
            }
        }
        return registry;
    }

    @SuppressWarnings("deprecation")
    private record Holder(DevKube devKube) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            devKube.close();
        }
    }
}
