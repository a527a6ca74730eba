package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.model.TokenAllocator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NewRingPositionTest {
    @Test
    void nodeIOfNTakesTheIthShareOfTheRing() {
        assertThat(NewRingPosition.parse("2/3").tokens(16))
                .isEqualTo(TokenAllocator.allocate(3, 16).get(1));
        assertThat(NewRingPosition.parse(" 1 / 1 ").tokens(4)).hasSize(4);
    }

    @Test
    void malformedPositionsAreRefusedWithTheExpectedForm() {
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "1/2/3")) {
            assertThatThrownBy(() -> NewRingPosition.parse(bad))
                    .as(bad)
                    .hasMessageContaining("--new-ring takes I/N")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void newRingSetsTheTokensAndStartsWithoutBootstrap() {
        NodeCommand command = new NodeCommand();
        new CommandLine(command)
                .parseArgs("--cluster", "demo", "--address", "127.0.0.11", "--new-ring", "3/3", "--start");
        Map<String, String> env = command.environment(new HashMap<>());
        assertThat(env).containsEntry("CASSINI_AUTO_BOOTSTRAP", "false").containsEntry("CASSINI_START", "true");
        assertThat(env.get("CASSINI_INITIAL_TOKENS").split(","))
                .hasSize(16)
                .containsExactlyElementsOf(TokenAllocator.allocate(3, 16).get(2).stream()
                        .map(String::valueOf)
                        .toList());
    }

    @Test
    void withoutNewRingNothingAboutTokensOrBootstrapIsSet() {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs("--cluster", "demo", "--address", "127.0.0.11");
        assertThat(command.environment(new HashMap<>()))
                .doesNotContainKeys("CASSINI_AUTO_BOOTSTRAP", "CASSINI_INITIAL_TOKENS");
    }
}
