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
