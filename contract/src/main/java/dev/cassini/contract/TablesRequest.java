package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/compact} and {@code /garbagecollect}: the tables whose SSTables
 * the operation rewrites.
 *
 * @param keyspace one keyspace; absent for every non-system keyspace, one after the other
 * @param tables tables of that keyspace, by name; absent for all of them. Only with a keyspace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TablesRequest(String keyspace, List<String> tables) {
    /** Every table of every non-system keyspace. */
    public static final TablesRequest ALL = new TablesRequest(null, null);
}
