package dev.cassini.agent.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Moves files between a node and the object store {@code concurrency} at a time, and fails with
 * the first failure as it was thrown (an IOException stays one, so its message reaches status).
 */
final class ParallelFiles {
    private ParallelFiles() {}

    interface FileTask {
        void run() throws IOException;
    }

    static void run(int concurrency, String threadName, List<FileTask> tasks) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (FileTask task : tasks) {
                work.add(pool.submit((Callable<Void>) () -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
