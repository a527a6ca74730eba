package dev.cassini.devkube.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts child processes so that the kernel kills them when this JVM dies, however it dies
 * (SIGKILL included, where no shutdown hook runs): each command is wrapped in
 * {@code setpriv --pdeathsig SIGKILL}, which sets the parent-death signal and execs the command
 * under the same PID. The signal fires when the <em>thread</em> that forked the child exits, so
 * every fork happens on one thread that lives as long as the JVM. Without {@code setpriv}
 * (util-linux) children start unwrapped and only the {@link PidRegistry} reaps them.
 */
final class ProcessLauncher {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final boolean WRAP = Files.isExecutable(SETPRIV);
    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "devkube-process-launcher");
        t.setDaemon(true);
        return t;
    });

    private ProcessLauncher() {}

    static Process start(ProcessBuilder builder) throws IOException {
        if (WRAP) {
            List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "SIGKILL", "--"));
            wrapped.addAll(builder.command());
            builder.command(wrapped);
        }
        try {
            return FORKER.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + builder.command(), e.getCause());
        }
    }
}
