package dev.cassini.exporter;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.cassandra.metrics.CassandraMetricsRegistry;

/**
 * Waits, on a daemon thread, until Cassandra has started far enough, then connects the collector to
 * Cassandra's metrics registry. The agent runs before Cassandra's main: touching Cassandra classes
 * then would initialize them out of order, so readiness is judged from the outside, by the
 * StorageService MBean Cassandra registers once its core services exist.
 */
final class CassandraAttachment {
    private static final ObjectName STORAGE_SERVICE = objectName("org.apache.cassandra.db:type=StorageService");
    /**
     * Metric holders Cassandra creates on first use; loading them now makes their families present
     * (at zero) from the start, so dashboards and alerts see a value before the first stream or hint.
     */
    private static final String[] EAGER_METRICS = {
        "org.apache.cassandra.metrics.StreamingMetrics", "org.apache.cassandra.metrics.HintsServiceMetrics"
    };

    private CassandraAttachment() {}

    static void startWhenReady(CassandraCollector collector) {
        Thread thread = new Thread(
                () -> {
                    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                    try {
                        while (!server.isRegistered(STORAGE_SERVICE)) {
                            Thread.sleep(250);
                        }
                        for (String holder : EAGER_METRICS) {
                            try {
                                Class.forName(holder, true, CassandraAttachment.class.getClassLoader());
                            } catch (ClassNotFoundException | LinkageError e) {
                                System.err.println("cassini-exporter: " + holder + " not available (" + e
                                        + "); its metrics appear on first use");
                            }
                        }
                        // Registering the listener replays every metric already in the registry, then reports later
                        // ones;
                        // scrapes use the selection only once it is complete.
                        SelectedMetrics selection = collector.newSelection();
                        CassandraMetricsRegistry.Metrics.addListener(selection);
                        collector.use(selection);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "cassini-exporter-attach");
        thread.setDaemon(true);
        thread.start();
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
