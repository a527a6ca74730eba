package dev.cassini.devkube.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Ownership of something (a state directory, a loopback subnet) as an OS file lock: exclusive
 * across processes and within this JVM, and released by the kernel when the owning JVM dies,
 * however it dies, so a crash never leaves a stale claim.
 */
public final class ExclusiveFileLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty if another owner (process or this JVM) holds it. */
    public static Optional<ExclusiveFileLock> tryAcquire(Path file) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new ExclusiveFileLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // held by this same JVM
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was acquired
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
