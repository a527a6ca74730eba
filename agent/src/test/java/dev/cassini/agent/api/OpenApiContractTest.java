package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.contract.NodeReport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's OpenAPI document and the contract's records cannot drift apart: every record of the
 * contract has a schema of its name whose properties are exactly its components (every field
 * documented, no undocumented field), enum-typed fields list only the Java enum's constants, and
 * every reference in the document resolves.
 */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyContractRecordIsASchemaWithExactlyItsFields() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        List<Class<?>> records = contractRecords();
        assertThat(records).as("records found in the contract package").hasSizeGreaterThan(10);

        Set<String> schemaNames = new TreeSet<>();
        schemas.fieldNames().forEachRemaining(schemaNames::add);
        assertThat(schemaNames)
                .as("schemas in openapi.json")
                .containsExactlyInAnyOrderElementsOf(
                        records.stream().map(Class::getSimpleName).toList());

        for (Class<?> record : records) {
            JsonNode properties = schemas.path(record.getSimpleName()).path("properties");
            Set<String> documented = new TreeSet<>();
            properties.fieldNames().forEachRemaining(documented::add);
            List<String> components = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(documented)
                    .as("properties of schema %s", record.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(components);
            for (RecordComponent component : record.getRecordComponents()) {
                if (component.getType().isEnum()) {
                    assertEnumMatches(record, component, properties.path(component.getName()));
                }
            }
        }
    }

    private static void assertEnumMatches(Class<?> record, RecordComponent component, JsonNode property) {
        List<String> constants = Arrays.stream(component.getType().getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .toList();
        List<String> listed = new ArrayList<>();
        property.path("enum").forEach(v -> listed.add(v.asText()));
        assertThat(listed)
                .as("enum of %s.%s in openapi.json", record.getSimpleName(), component.getName())
                .isNotEmpty()
                .isSubsetOf(constants);
    }

    @Test
    void everyReferenceResolves() throws Exception {
        String text = JSON.writeValueAsString(document());
        JsonNode schemas = document().path("components").path("schemas");
        Matcher refs = Pattern.compile("#/components/schemas/([A-Za-z]+)").matcher(text);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(schemas.has(refs.group(1)))
                    .as("reference to %s", refs.group(1))
                    .isTrue();
        }
        assertThat(count).isGreaterThan(20);
    }

    @Test
    void everyRequestBodyIsAContractRecordThatRefusesUnknownFields() throws Exception {
        JsonNode document = document();
        int bodies = 0;
        for (Iterator<JsonNode> paths = document.path("paths").elements(); paths.hasNext(); ) {
            for (Iterator<JsonNode> operations = paths.next().elements(); operations.hasNext(); ) {
                JsonNode schema = operations
                        .next()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                bodies++;
                String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
                assertThat(name)
                        .as("request body schema %s is a named contract record", schema)
                        .isNotEmpty();
                if (!name.equals("SeedList")) { // its read-only 'active' is the server's
                    assertThat(document.path("components")
                                    .path("schemas")
                                    .path(name)
                                    .path("additionalProperties")
                                    .asBoolean(true))
                            .as("%s refuses unknown fields, as the agent does", name)
                            .isFalse();
                }
            }
        }
        assertThat(bodies).isGreaterThanOrEqualTo(8);
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = AgentApi.class.getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    /** Every top-level record of the contract module, read from its classes directory or jar. */
    private static List<Class<?>> contractRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(NodeReport.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String pkg = NodeReport.class.getPackageName();
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(pkg.replace('.', '/')))) {
                files.map(f -> f.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (var jar = new java.util.jar.JarFile(location.toFile())) {
                String prefix = pkg.replace('.', '/') + "/";
                jar.stream()
                        .map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .map(n -> n.substring(prefix.length()))
                        .forEach(names::add);
            }
        }
        List<Class<?>> records = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.contains("$")) {
                Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                if (type.isRecord()) {
                    records.add(type);
                }
            }
        }
        return records;
    }
}
