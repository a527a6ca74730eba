package dev.cassini.devkube;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * One devkube for all integration test classes of this module (starting one costs seconds and a
 * few hundred MB): created by the first class that asks, closed when the whole run ends. Its
 * state directory is fixed, so a run killed half-way is reaped by the next one.
 */
public final class SharedDevKube {
    private static final Path STATE = Path.of("target", "devkube-it").toAbsolutePath();

    private SharedDevKube() {
    }

    public static DevKube get(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedDevKube.class));
        return store.getOrComputeIfAbsent("devkube", key -> new Holder(DevKube.start(DevKubeOptions.defaults(STATE))),
                Holder.class).devKube;
    }

    @SuppressWarnings("deprecation")
    private record Holder(DevKube devKube) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            devKube.close();
        }
    }
}
