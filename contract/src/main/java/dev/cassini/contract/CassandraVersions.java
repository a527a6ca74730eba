package dev.cassini.contract;

import java.util.List;

/** The Apache Cassandra releases Cassini runs, and the one it runs when none is named. */
public final class CassandraVersions {
    private CassandraVersions() {}

    public static final String DEFAULT = "5.0.6";
    /** Oldest first. The CRD's rule on cassandraVersion lists the same (a test checks). */
    public static final List<String> SUPPORTED = List.of("5.0.5", DEFAULT);

    public static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }
}
