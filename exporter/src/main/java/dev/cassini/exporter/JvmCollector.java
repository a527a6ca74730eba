package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * GC and memory of the Cassandra JVM, read from the platform MXBeans in process (plain method
 * calls, no JMX connection). Cassandra 5.0 does not put JVM metrics in its own registry.
 */
final class JvmCollector {
    private final Labels nodeLabels;
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    JvmCollector(Labels nodeLabels) {
        this.nodeLabels = nodeLabels;
    }

    void collect(List<MetricSnapshot> out) {
        Samples count = new Samples(Catalog.GC_COLLECTIONS);
        Samples seconds = new Samples(Catalog.GC_SECONDS);
        for (GarbageCollectorMXBean gc : collectors) {
            Labels labels = nodeLabels.add("collector", gc.getName());
            count.add(labels, gc.getCollectionCount());
            seconds.add(labels, gc.getCollectionTime() / 1000.0);
        }
        out.add(count.build());
        out.add(seconds.build());

        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        Labels heapLabels = nodeLabels.add("area", "heap");
        Labels nonHeapLabels = nodeLabels.add("area", "nonheap");
        out.add(new Samples(Catalog.MEMORY_USED)
                .add(heapLabels, heap.getUsed())
                .add(nonHeapLabels, nonHeap.getUsed())
                .build());
        out.add(new Samples(Catalog.MEMORY_COMMITTED)
                .add(heapLabels, heap.getCommitted())
                .add(nonHeapLabels, nonHeap.getCommitted())
                .build());
        // Non-heap has no maximum by default (-1): only the heap's is exported.
        out.add(new Samples(Catalog.MEMORY_MAX).add(heapLabels, heap.getMax()).build());

        Samples buffers = new Samples(Catalog.BUFFER_POOL_USED);
        for (BufferPoolMXBean pool : bufferPools) {
            buffers.add(nodeLabels.add("pool", pool.getName()), pool.getMemoryUsed());
        }
        out.add(buffers.build());
    }
}
