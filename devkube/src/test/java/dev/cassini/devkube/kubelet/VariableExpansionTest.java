package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpansionTest {
    private final Map<String, String> vars = Map.of("A", "1", "B", "two");

    @Test
    void expandsDefinedVariables() {
        assertThat(VariableExpansion.expand("$(A)-$(B)", vars)).isEqualTo("1-two");
    }

    @Test
    void leavesUndefinedVariablesAsWritten() {
        assertThat(VariableExpansion.expand("x$(NOPE)y", vars)).isEqualTo("x$(NOPE)y");
    }

    @Test
    void doubleDollarEscapes() {
        assertThat(VariableExpansion.expand("$$(A) costs $$5", vars)).isEqualTo("$(A) costs $5");
    }

    @Test
    void loneDollarsAndUnclosedReferencesStay() {
        assertThat(VariableExpansion.expand("$ $(A", vars)).isEqualTo("$ $(A");
    }
}
