package dev.cassini.contract;

import java.util.List;

/** The Apache Cassandra releases Cassini runs, and the one it runs when none is named. */
public final class CassandraVersions {
    private CassandraVersions() {}

    public static final String DEFAULT = "5.0.6";
    /** Oldest first. The CRD's rule on cassandraVersion lists the same (a test checks). */
    public static final List<String> SUPPORTED = List.of("5.0.5", DEFAULT, "5.0.8", "5.0.9");
    /**
     * The supported versions that have Cassandra's own auto-repair scheduler (CEP-37, back-ported
     * to 5.0 in 5.0.8), behind the JVM flag {@code -Dcassandra.autorepair.enable=true}.
     */
    public static final List<String> WITH_AUTO_REPAIR = List.of("5.0.8", "5.0.9");

    public static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    public static boolean hasAutoRepair(String version) {
        return WITH_AUTO_REPAIR.contains(version);
    }
}
