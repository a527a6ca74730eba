package dev.cassini.devkube.controlplane;

import dev.cassini.devkube.process.ExclusiveFileLock;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code 127.N.0.0/16} block owned by one devkube, so several devkubes (parallel tests, a
 * developer's plus CI's) never clash on addresses. Ownership is an {@link ExclusiveFileLock}: it
 * disappears with the owning JVM even when that JVM is killed, so a crash never leaks a subnet.
 * <p>Layout: {@code 127.N.0.1} control plane, {@code 127.N.0.(10+i)} node i, {@code 127.N.1.1} and
 * up pods.
 */
public final class LoopbackSubnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSubnet.class);
    static final int FIRST = 64;
    static final int LAST = 250;

    private final int octet;
    private final ExclusiveFileLock lock;

    private LoopbackSubnet(int octet, ExclusiveFileLock lock) {
        this.octet = octet;
        this.lock = lock;
    }

    /** Claims the first free block, starting from {@code preferred} (e.g. to keep addresses stable). */
    public static LoopbackSubnet claim(Path lockDirectory, int preferred) {
        int span = LAST - FIRST + 1;
        int start = Math.floorMod(preferred - FIRST, span);
        for (int i = 0; i < span; i++) {
            int octet = FIRST + (start + i) % span;
            Optional<ExclusiveFileLock> lock =
                    ExclusiveFileLock.tryAcquire(lockDirectory.resolve("127." + octet + ".lock"));
            if (lock.isPresent()) {
                LoopbackSubnet subnet = new LoopbackSubnet(octet, lock.get());
                LOG.debug("devkube uses loopback subnet {}", subnet);
                return subnet;
            }
        }
        throw new IllegalStateException("every loopback subnet 127." + FIRST + "-" + LAST
                + ".0.0/16 is taken by another devkube (locks in " + lockDirectory + "); stop some");
    }

    public int octet() {
        return octet;
    }

    public String controlPlaneAddress() {
        return "127." + octet + ".0.1";
    }

    public String nodeAddress(int nodeIndex) {
        return "127." + octet + ".0." + (10 + nodeIndex);
    }

    @Override
    public void close() {
        lock.close();
    }

    @Override
    public String toString() {
        return "127." + octet + ".0.0/16";
    }
}
