package dev.cassini.agent.config;

import dev.cassini.exporter.ExporterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM command line of a Cassandra node on Java 17: the module exports and opens Cassandra's
 * own jvm17-server.options carries, heap and GC settings that suit small heaps, where the node
 * keeps its files, the Cassini helper agent and the Prometheus exporter. User options come last so they win.
 */
public final class JvmOptions {
    /** Java 17 module access Cassandra 5.0 needs (from its jvm17-server.options). */
    /** What Cassandra's code reaches into on Java 17: its own JVM, and any tool run on its class path. */
    public static final List<String> JAVA17_MODULE_ACCESS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private JvmOptions() {}

    /**
     * @param jammJar Cassandra's memory meter, loaded as an agent like Cassandra's own scripts do; null if absent
     * @param helperJar the Cassini helper, given the socket it serves MBean calls on
     * @param exporterJar the shaded Prometheus exporter; null when metrics are off
     */
    public static List<String> build(
            NodeConfig config, StartPlan plan, Path jammJar, Path helperJar, Path helperSocket, Path exporterJar) {
        NodeDirectories dirs = config.directories();
        List<String> options = new ArrayList<>();
        options.add("-Xms" + config.heapMegabytes() + "M");
        options.add("-Xmx" + config.heapMegabytes() + "M");
        options.add("-Xss256k");
        options.add("-XX:+UseG1GC");
        options.add("-XX:MaxGCPauseMillis=300");
        options.add("-XX:+ParallelRefProcEnabled");
        // A node that ran out of heap may hold corrupt memtables: let it die and be restarted.
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.add("-XX:+HeapDumpOnOutOfMemoryError");
        options.add("-XX:HeapDumpPath=" + dirs.logs());
        options.add("-XX:+PerfDisableSharedMem");
        options.add("-Xlog:gc=info,safepoint=info:file=" + dirs.logs().resolve("gc.log")
                + ":time,uptime,level,tags:filecount=5,filesize=10m");
        options.add("-Djava.net.preferIPv4Stack=true");
        options.add("-Djdk.attach.allowAttachSelf=true");
        options.addAll(JAVA17_MODULE_ACCESS);
        options.add("-Dcassandra.config=" + dirs.cassandraYaml().toUri());
        options.add("-Dcassandra-foreground=yes");
        options.add("-Dcassandra.storagedir=" + dirs.root());
        options.add("-Dcassandra.logdir=" + dirs.logs());
        options.add("-Dlogback.configurationFile=" + dirs.logbackXml());
        plan.replaceAddress().ifPresent(a -> options.add("-Dcassandra.replace_address_first_boot=" + a));
        if (plan.systemKeyspaceReplicas() > 0) {
            // Read only when Cassandra creates these keyspaces, i.e. at the birth of a cluster.
            for (String keyspace : List.of("system_auth", "system_distributed", "system_traces")) {
                options.add("-Dcassandra." + keyspace + ".default_rf=" + plan.systemKeyspaceReplicas());
            }
            // Before serving clients, Cassandra waits for its view of the ring to stop changing: 5 s
            // and three more 1 s polls, 8 s and more of a new cluster's bring-up. It protects clients
            // of a node that rejoins a ring it may not know yet. A brand-new ring's nodes start together
            // with their tokens known, and it holds no keyspace a client could use before the operator
            // has set auth up. Every later start waits as Cassandra means it to.
            options.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        }
        // Cassandra creates its default role this long after it starts serving, and tries again as
        // long after each failure (a quorum of system_auth not up yet: the other new nodes still
        // starting). Its 10 s cost a new cluster 20-30 s before the operator could log in to set
        // authentication up. The task looks for existing roles first, so on any later start it
        // finds them and does nothing.
        options.add("-Dcassandra.superuser_setup_delay_ms=1000");
        if (jammJar != null) {
            options.add("-javaagent:" + jammJar);
        }
        options.add("-javaagent:" + helperJar + "=" + helperSocket);
        if (exporterJar != null && config.metrics().enabled()) {
            options.add(
                    "-javaagent:" + exporterJar + "=" + exporterSettings(config).toAgentArguments());
        }
        options.addAll(config.jvmOptions());
        return List.copyOf(options);
    }

    static ExporterSettings exporterSettings(NodeConfig config) {
        MetricsConfig metrics = config.metrics();
        return new ExporterSettings(
                config.address(),
                metrics.port(),
                config.clusterName(),
                config.datacenter(),
                config.rack(),
                config.nodeName(),
                Pattern.compile(metrics.tableAllow()),
                Pattern.compile(metrics.tableDeny()),
                metrics.tableLimit());
    }
}
