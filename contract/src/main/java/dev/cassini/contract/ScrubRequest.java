package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/scrub}: rewrite SSTables, checking every row. The agent refuses
 * it unless every node of the ring is up: a scrub that drops corrupt rows must be followed by a
 * repair from healthy replicas.
 *
 * @param keyspace one keyspace; absent for every non-system keyspace, one after the other
 * @param tables tables of that keyspace, by name; absent for all of them. Only with a keyspace
 * @param disableSnapshot skip the snapshot Cassandra takes before scrubbing (false when absent)
 * @param skipCorrupted drop the rows Cassandra cannot read instead of failing (false when absent)
 * @param checkData also validate each row's content, not only the SSTables' structure (true when absent)
 * @param reinsertOverflowedTTL reinsert rows whose expiration overflowed (CASSANDRA-14092) with the latest
 *     expiration Cassandra supports (false when absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScrubRequest(
        String keyspace,
        List<String> tables,
        Boolean disableSnapshot,
        Boolean skipCorrupted,
        Boolean checkData,
        Boolean reinsertOverflowedTTL) {}
