package dev.cassini.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMainAutoBootstrapTest {
    @Test
    void defaultsToBootstrappingAndAcceptsOnlyTrueOrFalse() {
        assertThat(AgentMain.autoBootstrap(Map.of())).contains(true);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "FALSE")))
                .contains(false);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "true")))
                .contains(true);
        assertThat(AgentMain.autoBootstrap(Map.of("CASSINI_AUTO_BOOTSTRAP", "no")))
                .isEmpty();
    }
}
