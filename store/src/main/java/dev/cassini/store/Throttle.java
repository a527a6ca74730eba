package dev.cassini.store;

import java.util.function.LongSupplier;

/**
 * A token bucket over bytes: at most {@code bytesPerSecond} on average, with bursts of up to one
 * second's worth, shared by every transfer of one client (so concurrency does not multiply the
 * limit). {@link #acquire} blocks until the bytes may move.
 */
final class Throttle {
    /** How a throttle waits; tests pass one that advances their clock instead. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double available;
    private long last;

    Throttle(long bytesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a throttle needs a positive rate");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.available = bytesPerSecond;
        this.last = nanoClock.getAsLong();
    }

    static Throttle of(long bytesPerSecond) {
        return new Throttle(
                bytesPerSecond, System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Waits until {@code bytes} may move, then takes them from the bucket. */
    void acquire(long bytes) throws InterruptedException {
        long wait;
        synchronized (this) {
            refill();
            available -= bytes;
            // A debt is paid by waiting; later callers queue behind it, as the bucket stays negative.
            wait = available >= 0 ? 0 : (long) (-available * 1e9 / bytesPerSecond);
        }
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(bytesPerSecond, available + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
    }
}
