package dev.cassini.devkube.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code 127.N.0.0/16} block owned by one devkube, so several devkubes (parallel tests, a
 * developer's plus CI's) never clash on addresses. Ownership is an OS file lock: it disappears
 * with the owning JVM even when that JVM is killed, so a crash never leaks a subnet.
 * <p>Layout: {@code 127.N.0.1} control plane, {@code 127.N.0.(10+i)} node i, {@code 127.N.1.1} and
 * up pods.
 */
public final class LoopbackSubnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSubnet.class);
    static final int FIRST = 64;
    static final int LAST = 250;

    private final int octet;
    private final FileChannel channel;
    private final FileLock lock;

    private LoopbackSubnet(int octet, FileChannel channel, FileLock lock) {
        this.octet = octet;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims the first free block, starting from {@code preferred} (e.g. to keep addresses stable). */
    public static LoopbackSubnet claim(Path lockDirectory, int preferred) {
        try {
            Files.createDirectories(lockDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int span = LAST - FIRST + 1;
        int start = Math.floorMod(preferred - FIRST, span);
        for (int i = 0; i < span; i++) {
            int octet = FIRST + (start + i) % span;
            LoopbackSubnet subnet = tryClaim(lockDirectory.resolve("127." + octet + ".lock"), octet);
            if (subnet != null) {
                LOG.debug("devkube uses loopback subnet {}", subnet);
                return subnet;
            }
        }
        throw new IllegalStateException("every loopback subnet 127." + FIRST + "-" + LAST
                + ".0.0/16 is taken by another devkube (locks in " + lockDirectory + "); stop some");
    }

    private static LoopbackSubnet tryClaim(Path file, int octet) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new LoopbackSubnet(octet, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this same JVM: another devkube here owns it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        return null;
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
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("cannot release the lock of subnet {}", this, e);
        }
    }

    @Override
    public String toString() {
        return "127." + octet + ".0.0/16";
    }
}
