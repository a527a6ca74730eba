package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogQueryTest {
    @TempDir
    Path dir;

    @Test
    void tailLinesStartsAtTheRightLine() throws Exception {
        Path log = Files.writeString(dir.resolve("c.log"), "one\ntwo\nthree\n");
        assertThat(Files.readString(log).substring((int) LogQuery.startOffset(log, "2")))
                .isEqualTo("two\nthree\n");
        assertThat(LogQuery.startOffset(log, "1")).isEqualTo("one\ntwo\n".length());
        assertThat(LogQuery.startOffset(log, "10")).isZero();
        assertThat(LogQuery.startOffset(log, null)).isZero();
        assertThat(LogQuery.startOffset(log, "0")).isEqualTo(Files.size(log));
    }

    @Test
    void parsesTheQuery() {
        assertThat(LogQuery.parse("follow=true&tailLines=5&timestamps"))
                .containsEntry("follow", "true")
                .containsEntry("tailLines", "5")
                .containsEntry("timestamps", "");
    }
}
