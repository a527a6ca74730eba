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
