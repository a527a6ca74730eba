package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The node's seed list: {@code PUT /api/v1/seeds} takes it, {@code GET} shows it.
 *
 * @param seeds the list persisted on the node's volume
 * @param active the list the running Cassandra uses, when it runs (absent in a PUT)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedList(List<String> seeds, List<String> active) {
    public SeedList {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        active = active == null ? null : List.copyOf(active);
    }

    public static SeedList of(List<String> seeds) {
        return new SeedList(seeds, null);
    }
}
