package dev.cassini.exporter;

/**
 * A name in Cassandra's metrics registry, split the way Cassandra builds it:
 * {@code org.apache.cassandra.metrics.<type>.<name>[.<scope>]}, e.g.
 * {@code org.apache.cassandra.metrics.Table.ReadLatency.ks.tbl} or
 * {@code org.apache.cassandra.metrics.ThreadPools.ActiveTasks.request.ReadStage}.
 * The scope may itself contain dots; type and name never do.
 *
 * @param scope empty when the metric has none
 */
public record RegistryName(String type, String name, String scope) {
    static final String PREFIX = "org.apache.cassandra.metrics.";

    /** Null for names outside Cassandra's metrics group (other libraries may share the registry). */
    public static RegistryName parse(String registryName) {
        if (!registryName.startsWith(PREFIX)) {
            return null;
        }
        int typeEnd = registryName.indexOf('.', PREFIX.length());
        if (typeEnd < 0) {
            return null;
        }
        int nameEnd = registryName.indexOf('.', typeEnd + 1);
        String type = registryName.substring(PREFIX.length(), typeEnd);
        if (nameEnd < 0) {
            return new RegistryName(type, registryName.substring(typeEnd + 1), "");
        }
        return new RegistryName(
                type, registryName.substring(typeEnd + 1, nameEnd), registryName.substring(nameEnd + 1));
    }
}
