package dev.cassini.agent.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cassini.agent.config.JvmOptions;
import dev.cassini.agent.runtime.ClassLocation;
import dev.cassini.contract.RestoreStreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Streams the SSTables of one staged table directory to the nodes that replicate their ranges now,
 * each node only the ranges a restore plan gives it: Cassandra's SSTable loader with those ranges,
 * run as a process of its own on Cassandra's class path ({@code dev.cassini.loader.RangeLoader}).
 * A process of its own, so that its streaming threads, memory and Cassandra's static configuration
 * never meet the agent's, and an interrupted restore stops it by its PID.
 */
public final class TableStreamer {
    /** Found by resource, not by class: loading the loader's classes here would pull in Cassandra's. */
    static final String LOADER_CLASS = "dev/cassini/loader/RangeLoader.class";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LINES_KEPT = 20;

    private final Path cassandraLib;
    private final int storagePort;

    /**
     * @param cassandraLib the lib directory of the Cassandra the node runs
     * @param storagePort the port the target nodes accept streams on
     */
    public TableStreamer(Path cassandraLib, int storagePort) {
        this.cassandraLib = cassandraLib;
        this.storagePort = storagePort;
    }

    /**
     * Streams every SSTable in {@code directory} and waits for the receivers to have them.
     *
     * @param sent told the bytes sent so far as the stream goes on
     * @return the bytes sent
     * @throws IOException when the loader fails, with its reason
     */
    public long stream(
            Path directory, RestoreStreams.Table table, List<RestoreStreams.Target> targets, LongConsumer sent)
            throws IOException, InterruptedException {
        Path plan = directory.resolveSibling(directory.getFileName() + ".stream.json");
        Files.writeString(plan, JSON.writeValueAsString(plan(directory, table, targets)));
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(JvmOptions.JAVA17_MODULE_ACCESS);
        command.add("-Dcassandra.storagedir=" + directory.getParent());
        command.add("-cp");
        command.add(cassandraLib.resolve("*") + java.io.File.pathSeparator + loaderJar(directory.getParent()));
        command.add("dev.cassini.loader.RangeLoader");
        command.add(plan.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        Deque<String> errors = new ArrayDeque<>();
        Thread stderr = new Thread(
                () -> {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            synchronized (errors) {
                                errors.addLast(line);
                                if (errors.size() > STDERR_LINES_KEPT) {
                                    errors.removeFirst();
                                }
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "loader-stderr-" + process.pid());
        stderr.setDaemon(true);
        stderr.start();
        long done = -1;
        String failure = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("progress ")) {
                    sent.accept(Long.parseLong(line.split(" ")[1]));
                } else if (line.startsWith("done ")) {
                    done = Long.parseLong(line.substring("done ".length()).trim());
                } else if (line.startsWith("failed ")) {
                    failure = line.substring("failed ".length());
                }
            }
            int exit = process.waitFor();
            stderr.join(TimeUnit.SECONDS.toMillis(5));
            if (exit != 0 || done < 0) {
                String detail;
                synchronized (errors) {
                    detail = String.join("\n", errors);
                }
                throw new IOException("streaming " + table.keyspace() + "." + table.name() + " from " + directory
                        + " failed (exit " + exit + "): " + (failure == null ? "no reason given" : failure)
                        + (detail.isBlank() ? "" : "\n" + detail));
            }
            sent.accept(done);
            return done;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(plan);
        }
    }

    private ObjectNode plan(Path directory, RestoreStreams.Table table, List<RestoreStreams.Target> targets) {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("directory", directory.toAbsolutePath().toString());
        plan.put("keyspace", table.keyspace());
        plan.put("table", table.name());
        plan.put("tableId", table.id());
        plan.put("cql", table.cql());
        ArrayNode types = plan.putArray("types");
        table.types().forEach(types::add);
        plan.put("storagePort", storagePort);
        plan.put("connectionsPerHost", 1);
        ArrayNode list = plan.putArray("targets");
        for (RestoreStreams.Target target : targets) {
            ObjectNode node = list.addObject();
            node.put("address", target.address());
            ArrayNode ranges = node.putArray("ranges");
            target.ranges().forEach(r -> ranges.addArray().add(r.get(0)).add(r.get(1)));
        }
        return plan;
    }

    /**
     * A jar of the loader's classes alone, written next to the staging: the agent may run from a jar
     * that holds every library the command line uses, and none of those may meet Cassandra's own.
     */
    static Path loaderJar(Path scratch) throws IOException {
        URL resource = TableStreamer.class.getClassLoader().getResource(LOADER_CLASS);
        if (resource == null) {
            throw new IOException(
                    "the Cassini loader is not on the agent's classpath; build it with `mvn -pl loader package`");
        }
        Path source = ClassLocation.of(resource, LOADER_CLASS);
        String prefix = LOADER_CLASS.substring(0, LOADER_CLASS.lastIndexOf('/') + 1);
        Path jar = scratch.resolve("cassini-loader.jar");
        Path tmp = Files.createTempFile(scratch, "loader", ".jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp))) {
            if (Files.isDirectory(source)) {
                try (java.util.stream.Stream<Path> files = Files.walk(source.resolve(prefix))) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new java.util.jar.JarEntry(
                                source.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            } else {
                try (java.util.jar.JarFile from = new java.util.jar.JarFile(source.toFile())) {
                    for (java.util.jar.JarEntry entry : java.util.Collections.list(from.entries())) {
                        if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                            out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                            try (java.io.InputStream in = from.getInputStream(entry)) {
                                in.transferTo(out);
                            }
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }
}
