package dev.cassini.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips over a real Unix socket against this JVM's own platform MBeans. */
class MBeanCallServerTest {
    @TempDir
    Path dir;

    @Test
    void readsAttributesAndInvokesOperationsOverTheSocket() throws Exception {
        Path socket = dir.resolve("helper.sock");
        try (MBeanCallServer server = MBeanCallServer.platform(socket)) {
            server.start();
            MBeanCallClient client = new MBeanCallClient(socket);

            Object vmName = client.call(MBeanRequest.attribute("java.lang:type=Runtime", "VmName"));
            assertThat(vmName).isEqualTo(ManagementFactory.getRuntimeMXBean().getVmName());

            Object option = client.call(MBeanRequest.invoke(
                    "com.sun.management:type=HotSpotDiagnostic",
                    "getVMOption",
                    new Object[] {"MaxHeapSize"},
                    new String[] {String.class.getName()}));
            assertThat(option).isInstanceOf(javax.management.openmbean.CompositeData.class);
            assertThat(((javax.management.openmbean.CompositeData) option).get("name"))
                    .isEqualTo("MaxHeapSize");

            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(socket).doesNotExist();
    }

    /** A collection class the wire filter refuses, as Guava's immutable ones are. */
    static final class ForeignList extends java.util.AbstractList<java.util.Map<String, String>>
            implements java.io.Serializable {
        private final java.util.List<java.util.Map<String, String>> items;

        ForeignList(java.util.List<java.util.Map<String, String>> items) {
            this.items = new java.util.ArrayList<>(items);
        }

        @Override
        public java.util.Map<String, String> get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /**
     * Nested open types as Cassandra's StreamManager answers CurrentStreams: a plan holds sessions,
     * a session holds per-table summaries. They must pass the wire filter's depth limit.
     */
    @Test
    void nestedCompositesAsCassandraDescribesItsStreamsCrossTheSocket() throws Exception {
        Path socket = dir.resolve("helper.sock");
        javax.management.ObjectName name = new javax.management.ObjectName("dev.cassini.test:type=Streams");
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Streams(), name);
        try (MBeanCallServer server = MBeanCallServer.platform(socket)) {
            server.start();
            Object value = new MBeanCallClient(socket).call(MBeanRequest.attribute(name.toString(), "CurrentStreams"));
            assertThat(value).isInstanceOf(java.util.Set.class);
            javax.management.openmbean.CompositeData plan = (javax.management.openmbean.CompositeData)
                    ((java.util.Set<?>) value).iterator().next();
            assertThat(plan.get("description")).isEqualTo("Rebuild");
            assertThat(plan.get("totalRxBytes")).isEqualTo(4096L);
            javax.management.openmbean.CompositeData session =
                    ((javax.management.openmbean.CompositeData[]) plan.get("sessions"))[0];
            assertThat(((javax.management.openmbean.CompositeData[]) session.get("receivingSummaries"))
                            [0].get("totalSize"))
                    .isEqualTo(4096L);
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    public interface StreamsMBean {
        java.util.Set<javax.management.openmbean.CompositeData> getCurrentStreams();
    }

    public static final class Streams implements StreamsMBean {
        @Override
        public java.util.Set<javax.management.openmbean.CompositeData> getCurrentStreams() {
            try {
                var summaryType = composite(
                        "StreamSummary",
                        "tableId",
                        javax.management.openmbean.SimpleType.STRING,
                        "totalSize",
                        javax.management.openmbean.SimpleType.LONG);
                var sessionType = composite(
                        "SessionInfo",
                        "peer",
                        javax.management.openmbean.SimpleType.STRING,
                        "receivingSummaries",
                        new javax.management.openmbean.ArrayType<>(1, summaryType));
                var planType = composite(
                        "StreamState",
                        "description",
                        javax.management.openmbean.SimpleType.STRING,
                        "sessions",
                        new javax.management.openmbean.ArrayType<>(1, sessionType),
                        "totalRxBytes",
                        javax.management.openmbean.SimpleType.LONG);
                var summary = new javax.management.openmbean.CompositeDataSupport(
                        summaryType, new String[] {"tableId", "totalSize"}, new Object[] {"t1", 4096L});
                var session = new javax.management.openmbean.CompositeDataSupport(
                        sessionType,
                        new String[] {"peer", "receivingSummaries"},
                        new Object[] {"10.0.0.1", new javax.management.openmbean.CompositeData[] {summary}});
                return java.util.Set.of(new javax.management.openmbean.CompositeDataSupport(
                        planType,
                        new String[] {"description", "sessions", "totalRxBytes"},
                        new Object[] {"Rebuild", new javax.management.openmbean.CompositeData[] {session}, 4096L}));
            } catch (javax.management.openmbean.OpenDataException e) {
                throw new IllegalStateException(e);
            }
        }

        private static javax.management.openmbean.CompositeType composite(String name, Object... itemsAndTypes)
                throws javax.management.openmbean.OpenDataException {
            String[] names = new String[itemsAndTypes.length / 2];
            javax.management.openmbean.OpenType<?>[] types = new javax.management.openmbean.OpenType<?>[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = (String) itemsAndTypes[2 * i];
                types[i] = (javax.management.openmbean.OpenType<?>) itemsAndTypes[2 * i + 1];
            }
            return new javax.management.openmbean.CompositeType(name, name, names, names, types);
        }
    }

    public interface ConnectionsMBean {
        java.util.List<java.util.Map<String, String>> getValue();
    }

    public static final class Connections implements ConnectionsMBean {
        @Override
        public java.util.List<java.util.Map<String, String>> getValue() {
            return new ForeignList(java.util.List.of(java.util.Map.of("address", "/10.0.0.7:50412")));
        }
    }

    @Test
    void collectionsOfForeignClassesArriveAsJdkCollections() throws Exception {
        Path socket = dir.resolve("helper.sock");
        javax.management.ObjectName name = new javax.management.ObjectName("dev.cassini.test:type=Connections");
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Connections(), name);
        try (MBeanCallServer server = MBeanCallServer.platform(socket)) {
            server.start();
            Object value = new MBeanCallClient(socket).call(MBeanRequest.attribute(name.toString(), "Value"));
            assertThat(value).isEqualTo(java.util.List.of(java.util.Map.of("address", "/10.0.0.7:50412")));
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    @Test
    void reportsTheMBeanErrorWithItsRootCause() throws Exception {
        Path socket = dir.resolve("helper.sock");
        try (MBeanCallServer server = MBeanCallServer.platform(socket)) {
            server.start();
            MBeanCallClient client = new MBeanCallClient(socket);
            assertThatThrownBy(() -> client.call(
                            MBeanRequest.attribute("org.apache.cassandra.db:type=StorageService", "HostId")))
                    .isInstanceOf(MBeanCallException.class)
                    .hasMessageContaining("InstanceNotFoundException")
                    .hasMessageContaining("StorageService");
        }
    }

    @Test
    void replacesASocketFileLeftByAKilledIncarnation() throws Exception {
        Path socket = dir.resolve("helper.sock");
        Files.writeString(socket, "stale");
        try (MBeanCallServer server = MBeanCallServer.platform(socket)) {
            server.start();
            assertThat(new MBeanCallClient(socket).call(MBeanRequest.attribute("java.lang:type=Runtime", "Name")))
                    .isNotNull();
        }
    }

    @Test
    void failsClearlyWhenNothingListens() {
        MBeanCallClient client = new MBeanCallClient(dir.resolve("absent.sock"));
        assertThatThrownBy(() -> client.call(MBeanRequest.attribute("java.lang:type=Runtime", "Name")))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void refusesASignatureThatDoesNotMatchTheArguments() {
        assertThatThrownBy(() -> MBeanRequest.invoke("a:b=c", "op", new Object[] {"x"}, new String[0]))
                .hasMessageContaining("1 arguments but 0 signature types");
    }
}
