package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The -javaagent argument string: what the node agent writes, the exporter reads back. */
class ExporterSettingsTest {
    @Test
    void settingsSurviveTheArgumentStringIncludingRegexMetacharacters() {
        ExporterSettings settings = new ExporterSettings(
                "127.0.0.11",
                9600,
                "Prod Cluster #1",
                "dc1",
                "r1",
                "demo-dc1-r1-0",
                Pattern.compile("shop\\.(a|b)&x=1,{2}.*"),
                Pattern.compile("shop\\.tmp_%20.*"),
                7);

        ExporterSettings parsed = ExporterSettings.parse(settings.toAgentArguments());

        assertThat(parsed.toAgentArguments()).isEqualTo(settings.toAgentArguments());
        assertThat(parsed.cluster()).isEqualTo("Prod Cluster #1");
        assertThat(parsed.tableAllow().pattern()).isEqualTo("shop\\.(a|b)&x=1,{2}.*");
        assertThat(parsed.tableDeny().pattern()).isEqualTo("shop\\.tmp_%20.*");
        assertThat(parsed.tableLimit()).isEqualTo(7);
        assertThat(settings.toAgentArguments()).doesNotContain(" ");
    }

    @Test
    void defaultsLeaveSystemKeyspacesOut() {
        ExporterSettings parsed = ExporterSettings.parse("address=127.0.0.11&cluster=c&dc=d&rack=r");

        assertThat(parsed.port()).isEqualTo(9500);
        assertThat(parsed.node()).isEqualTo("127.0.0.11");
        assertThat(parsed.tableLimit()).isEqualTo(200);
        TableFilter filter = TableFilter.of(parsed);
        assertThat(filter.exports("shop", "orders")).isTrue();
        assertThat(filter.exports("system", "local")).isFalse();
        assertThat(filter.exports("system_schema", "tables")).isFalse();
        assertThat(filter.exports("systematic", "orders")).isTrue();
    }

    @Test
    void missingOrUnknownSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ExporterSettings.parse("")).hasMessageContaining("needs its settings");
        assertThatThrownBy(() -> ExporterSettings.parse("address=127.0.0.11&cluster=c&dc=d"))
                .hasMessageContaining("'rack' is required");
        assertThatThrownBy(() -> ExporterSettings.parse("address=127.0.0.11&cluster=c&dc=d&rack=r&colour=red"))
                .hasMessageContaining("unknown setting 'colour'");
        assertThatThrownBy(() -> ExporterSettings.parse("address=127.0.0.11&cluster=c&dc=d&rack=r&port=99999"))
                .hasMessageContaining("port=99999");
        assertThatThrownBy(() -> ExporterSettings.parse("address=127.0.0.11&cluster=c&dc=d&rack=r&tableDeny=%28"))
                .hasMessageContaining("tableDeny is not a regular expression");
    }

    @Test
    void allowAndDenyMustMatchTheWholeName() {
        TableFilter filter = new TableFilter(Pattern.compile("shop\\..*"), Pattern.compile(".*\\.tmp_.*"));

        assertThat(filter.exports("shop", "orders")).isTrue();
        assertThat(filter.exports("shop", "tmp_orders")).isFalse();
        assertThat(filter.exports("myshop", "orders")).isFalse();
    }
}
