package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentCertCommandTest {
    @Test
    void aValidityIsDaysOrHours() {
        assertThat(AgentCertCommand.validity("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(AgentCertCommand.validity(" 12H ")).isEqualTo(Duration.ofHours(12));
        assertThat(AgentCertCommand.validity("3650d")).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void anythingElseIsRefusedSayingHowToWriteIt() {
        for (String text : new String[] {"90", "0h", "3651d", "1w", "", "d", "-5d"}) {
            assertThatThrownBy(() -> AgentCertCommand.validity(text))
                    .as(text)
                    .isInstanceOf(CommandFailure.class)
                    .hasMessageContaining("90d or 12h");
        }
    }
}
