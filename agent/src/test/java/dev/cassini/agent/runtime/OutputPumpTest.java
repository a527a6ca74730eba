package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cassandra's output copied to the agent's output and output.log, with the last lines kept. */
class OutputPumpTest {
    @TempDir
    Path logs;

    private static ByteArrayInputStream source(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineGoesToTheEchoAndToOutputLog() throws Exception {
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        Path outputLog = logs.resolve("output.log");

        OutputPump pump = new OutputPump(
                source("starting\nError: bad option é\n"),
                outputLog,
                new PrintStream(echo, true, StandardCharsets.UTF_8),
                "test-pump");

        assertThat(pump.lastLines()).containsExactly("starting", "Error: bad option é");
        assertThat(Files.readString(outputLog)).isEqualTo("starting\nError: bad option é\n");
        assertThat(echo.toString(StandardCharsets.UTF_8))
                .isEqualTo("starting" + System.lineSeparator() + "Error: bad option é" + System.lineSeparator());
    }

    @Test
    void onlyTheLastFortyLinesAreKept() throws Exception {
        String text =
                IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));

        OutputPump pump = new OutputPump(
                source(text), logs.resolve("output.log"), new PrintStream(new ByteArrayOutputStream()), "test-pump");

        List<String> last = pump.lastLines();
        assertThat(last).hasSize(40);
        assertThat(last.get(0)).isEqualTo("line 61");
        assertThat(last.get(39)).isEqualTo("line 100");
        assertThat(Files.readAllLines(logs.resolve("output.log"))).hasSize(100);
    }

    @Test
    void previousOutputLogIsKeptAsOutputLogDotOne() throws Exception {
        Path outputLog = logs.resolve("output.log");
        Files.writeString(outputLog, "previous run\n");
        Files.writeString(logs.resolve("output.log.1"), "run before that\n");

        OutputPump pump = new OutputPump(
                source("this run\n"), outputLog, new PrintStream(new ByteArrayOutputStream()), "test-pump");
        pump.lastLines();

        assertThat(Files.readString(outputLog)).isEqualTo("this run\n");
        assertThat(Files.readString(logs.resolve("output.log.1"))).isEqualTo("previous run\n");
    }

    @Test
    void lastLineWithoutNewlineIsKept() throws Exception {
        OutputPump pump = new OutputPump(
                source("a\nkilled mid-li"),
                logs.resolve("output.log"),
                new PrintStream(new ByteArrayOutputStream()),
                "test-pump");

        assertThat(pump.lastLines()).containsExactly("a", "killed mid-li");
    }
}
