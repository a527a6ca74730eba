package dev.cassini.exporter;

/**
 * The most series one node exports, documented in the README's Metrics section:
 * {@code NODE + PER_DATA_DIRECTORY × directories + perTable() × min(tables, table limit)}.
 * The node part is fixed by Cassandra's own thread pools, message verbs, caches and GC collectors
 * (300 measured on Cassandra 5.0 under a read and write workload); the test against a real node
 * checks it stays under {@link #NODE}.
 */
public final class SeriesBound {
    public static final int NODE = 400;
    public static final int PER_DATA_DIRECTORY = 2;

    private SeriesBound() {}

    /** Series of one table: one per gauge, quantiles + count (+ sum) per summary. */
    public static int perTable() {
        int series = 0;
        for (Family family : Catalog.TABLE_FAMILIES) {
            boolean withSum = family == Catalog.TABLE_READ_LATENCY || family == Catalog.TABLE_WRITE_LATENCY;
            series += family.seriesPerSource(withSum);
        }
        return series;
    }

    public static int of(int tables, int tableLimit, int dataDirectories) {
        return NODE + PER_DATA_DIRECTORY * dataDirectories + perTable() * Math.min(tables, tableLimit);
    }
}
