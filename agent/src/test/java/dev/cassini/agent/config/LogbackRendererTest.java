package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Cassandra's logback.xml: well-formed, logging to the data volume and to stdout. */
class LogbackRendererTest {
    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        assertThat(nodes.getLength()).as("elements <%s>", tag).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }

    private static List<String> rootAppenderRefs(Document doc) {
        Element root = (Element) doc.getElementsByTagName("root").item(0);
        NodeList refs = root.getElementsByTagName("appender-ref");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            names.add(((Element) refs.item(i)).getAttribute("ref"));
        }
        return names;
    }

    @Test
    void systemLogIsTheDataDirsLogsSystemLogRolledBeside() throws Exception {
        Path dataDir = Path.of("/var/lib/cassini/node1");

        Document doc = parse(LogbackRenderer.render(TestNodeConfigs.config(dataDir)));

        assertThat(text(doc, "file")).isEqualTo("/var/lib/cassini/node1/logs/system.log");
        assertThat(text(doc, "fileNamePattern")).isEqualTo("/var/lib/cassini/node1/logs/system.log.%i.zip");
    }

    @Test
    void rootLogsToTheFileAndToStdoutAtInfo() throws Exception {
        Document doc = parse(LogbackRenderer.render(TestNodeConfigs.config(Path.of("/data"))));

        Element root = (Element) doc.getElementsByTagName("root").item(0);
        assertThat(root.getAttribute("level")).isEqualTo("INFO");
        assertThat(rootAppenderRefs(doc)).containsExactlyInAnyOrder("SYSTEMLOG", "STDOUT");
        NodeList patterns = doc.getElementsByTagName("pattern");
        assertThat(patterns.item(0).getTextContent()).isEqualTo("%-5level [%thread] %date{ISO8601} %F:%L - %msg%n");
    }

    @Test
    void dataDirWithXmlSpecialCharactersStaysWellFormedAndExact() throws Exception {
        Path dataDir = Path.of("/data/a&b <c> \"d\" 'e'");

        Document doc = parse(LogbackRenderer.render(TestNodeConfigs.config(dataDir)));

        assertThat(text(doc, "file")).isEqualTo("/data/a&b <c> \"d\" 'e'/logs/system.log");
    }
}
