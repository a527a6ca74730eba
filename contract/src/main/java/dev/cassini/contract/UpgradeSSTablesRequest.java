package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/upgradesstables}: rewrite SSTables in the current format.
 *
 * @param keyspace one keyspace; absent for every non-system keyspace, one after the other
 * @param tables tables of that keyspace, by name; absent for all of them. Only with a keyspace
 * @param all rewrite every SSTable (true when absent); false rewrites only those of an older format
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpgradeSSTablesRequest(String keyspace, List<String> tables, Boolean all) {}
