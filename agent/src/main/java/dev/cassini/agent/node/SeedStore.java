package dev.cassini.agent.node;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The seed list, persisted on the data volume. The operator pushes seeds as pods come and go; a
 * node that restarts without the operator (the operator is down, or the whole cluster restarts)
 * still finds its ring through the last list it was given. Until one is pushed, the configured
 * seeds apply.
 */
public final class SeedStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> configured;

    public SeedStore(Path agentStateDir, List<String> configured) {
        this.file = agentStateDir.resolve("seeds.json");
        this.configured = List.copyOf(configured);
    }

    public synchronized List<String> current() throws IOException {
        if (!Files.exists(file)) {
            return configured;
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<String>>() {});
    }

    public synchronized boolean pushed() {
        return Files.exists(file);
    }

    public synchronized void save(List<String> seeds) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("seeds.json.tmp");
        JSON.writeValue(tmp.toFile(), seeds);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
