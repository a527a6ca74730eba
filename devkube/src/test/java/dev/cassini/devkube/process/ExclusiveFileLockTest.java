package dev.cassini.devkube.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusiveFileLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockCannotBeTakenTwiceAndIsFreeAgainOnceReleased() {
        Path file = dir.resolve("state/devkube.lock");
        Optional<ExclusiveFileLock> first = ExclusiveFileLock.tryAcquire(file);
        assertThat(first).isPresent();
        assertThat(ExclusiveFileLock.tryAcquire(file)).isEmpty();
        first.get().close();
        Optional<ExclusiveFileLock> again = ExclusiveFileLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }
}
