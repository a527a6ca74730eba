package dev.cassini.agent.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Copies Cassandra's stdout and stderr to the agent's own output (so pod logs show the node) and to
 * output.log on the data volume, and keeps the last lines in memory to explain an unexpected exit.
 * output.log also catches what Cassandra prints before its logging starts, e.g. a bad JVM option.
 */
final class OutputPump {
    private static final int TAIL_LINES = 40;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    OutputPump(InputStream source, Path outputLog, PrintStream echo, String name) throws IOException {
        Path previous = outputLog.resolveSibling(outputLog.getFileName() + ".1");
        if (Files.exists(outputLog)) {
            Files.move(outputLog, previous, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Writer file = Files.newBufferedWriter(
                outputLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        thread = new Thread(() -> pump(source, file, echo), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream source, Writer file, PrintStream echo) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
                file) {
            String line;
            while ((line = in.readLine()) != null) {
                echo.println(line);
                file.write(line);
                file.write('\n');
                file.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            echo.println("cassini-agent: lost Cassandra's output: " + e);
        }
    }

    /** Waits briefly for the last output of an exited process to be copied. */
    List<String> lastLines() {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
