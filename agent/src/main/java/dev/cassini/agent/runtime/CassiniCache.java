package dev.cassini.agent.runtime;

import java.nio.file.Path;
import java.util.Map;

/** Where Cassini keeps what it downloads or builds once: $CASSINI_CACHE, else ~/.cache/cassini. */
public final class CassiniCache {
    public static final String ENV = "CASSINI_CACHE";

    private CassiniCache() {}

    public static Path root(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "cassini");
    }
}
