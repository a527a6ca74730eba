package dev.cassini.model.repair;

import dev.cassini.contract.CassandraVersions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node's configuration says about Cassandra's own auto-repair scheduler (CEP-37, 5.0.8 and
 * later).
 *
 * <p>The feature flag {@value #FEATURE_FLAG} is set on every node of a version that has it, in
 * either repair mode: it adds a column to {@code system_schema.tables} and two tables to {@code
 * system_distributed}, and a node started without it cannot read a schema a scheduling node wrote
 * the column into. With the flag always on, switching the mode is a restart, never a schema change.
 *
 * <p>Whether the scheduler runs is the {@code auto_repair} section of cassandra.yaml: with
 * Cassandra scheduling, full repair is turned on there, and the user's own {@code auto_repair}
 * settings (a datacenter's config) are merged over it key by key, so a user can tune
 * min_repair_interval or parallel_repair_count without restating the rest.
 */
public final class AutoRepairSettings {
    private AutoRepairSettings() {}

    public static final String FEATURE_FLAG = "-Dcassandra.autorepair.enable=true";
    public static final String YAML_KEY = "auto_repair";

    /** The JVM options the operator adds for a version, before the user's (which come last and win). */
    public static List<String> jvmOptions(String cassandraVersion) {
        return CassandraVersions.hasAutoRepair(cassandraVersion) ? List.of(FEATURE_FLAG) : List.of();
    }

    /**
     * The cassandra.yaml overrides of a node: the user's, with full auto-repair turned on under
     * them when Cassandra schedules the repairs.
     */
    public static Map<String, Object> cassandraYaml(boolean cassandraSchedules, Map<String, Object> user) {
        if (!cassandraSchedules) {
            return user;
        }
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("enabled", true);
        Map<String, Object> autoRepair = new LinkedHashMap<>();
        autoRepair.put("enabled", true);
        autoRepair.put("repair_type_overrides", new LinkedHashMap<>(Map.of("full", full)));
        Map<String, Object> base = new LinkedHashMap<>();
        base.put(YAML_KEY, autoRepair);
        return merged(base, user);
    }

    /** {@code over} merged into {@code base}: mappings key by key, anything else replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object before = result.get(key);
            if (before instanceof Map<?, ?> b && value instanceof Map<?, ?> v) {
                result.put(key, merged((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
