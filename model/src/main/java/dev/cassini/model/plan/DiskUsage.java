package dev.cassini.model.plan;

/**
 * A node's data volume as its agent reports it.
 *
 * @param loadBytes Cassandra's live data on the node (nodetool's Load)
 * @param freeBytes what can still be written on the volume
 * @param totalBytes the volume's size
 */
public record DiskUsage(long loadBytes, long freeBytes, long totalBytes) {

    /** Binary units as nodetool prints them, e.g. "1.5 GiB". */
    public static String format(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
