package dev.cassini.agent.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.BadRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body read strictly: it must be an object (or empty), every field must be known,
 * and each field must have its documented type. Errors name the field and the expected form.
 */
final class RequestBody {
    private final JsonNode root;

    private RequestBody(JsonNode root) {
        this.root = root;
    }

    /**
     * A body of the contract's {@code type}: its fields are the record's components, less those
     * the server sets itself ({@code serverOnly}, e.g. a seed list's {@code active}).
     */
    static RequestBody parse(ObjectMapper json, String body, Class<? extends Record> type, String... serverOnly) {
        Set<String> fields = new java.util.LinkedHashSet<>();
        for (var component : type.getRecordComponents()) {
            fields.add(component.getName());
        }
        fields.removeAll(Set.of(serverOnly));
        return parse(json, body, fields);
    }

    static RequestBody parse(ObjectMapper json, String body, Set<String> knownFields) {
        if (body == null || body.isBlank()) {
            return new RequestBody(json.createObjectNode());
        }
        JsonNode root;
        try {
            // Strict: '{"drain":false} {"drain":true}' or a field given twice would otherwise be read
            // silently as one of the values.
            root = json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("request body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!root.isObject()) {
            throw new BadRequestException("request body must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!knownFields.contains(field)) {
                throw new BadRequestException("unknown field '" + field + "'; this request takes " + knownFields);
            }
        }
        return new RequestBody(root);
    }

    Optional<String> string(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new BadRequestException("'" + field + "' must be a string");
        }
        return Optional.of(node.asText());
    }

    boolean bool(String field, boolean fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new BadRequestException("'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    int integer(String field, int fallback, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            throw new BadRequestException("'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    /** A nested object read as the contract's {@code type}, when the field is there. */
    <T> Optional<T> object(ObjectMapper json, String field, Class<T> type) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new BadRequestException("'" + field + "' must be an object");
        }
        try {
            return Optional.of(json.reader()
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .forType(type)
                    .readValue(node));
        } catch (IOException | IllegalArgumentException e) {
            // A record's own check says best what is wrong; Jackson wraps it.
            Throwable reason = e.getCause() instanceof IllegalArgumentException own ? own : e;
            throw new BadRequestException("'" + field + "' is not a valid " + type.getSimpleName() + ": "
                    + String.valueOf(reason.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** A list of objects, each read as the contract's {@code type}; empty when the field is not there. */
    <T> List<T> objects(ObjectMapper json, String field, Class<T> type) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadRequestException("'" + field + "' must be a list of " + type.getSimpleName() + " objects");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                throw new BadRequestException(
                        "'" + field + "' must be a list of " + type.getSimpleName() + " objects, found " + item);
            }
            try {
                values.add(json.reader()
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .forType(type)
                        .readValue(item));
            } catch (IOException | IllegalArgumentException e) {
                throw new BadRequestException("'" + field + "'[" + i + "] is not a valid " + type.getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return values;
    }

    /** A positive whole number, when the field is there. */
    Optional<Long> positiveLong(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            throw new BadRequestException("'" + field + "' must be a whole number of at least 1");
        }
        return Optional.of(node.asLong());
    }

    List<String> strings(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadRequestException("'" + field + "' must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new BadRequestException("'" + field + "' must be a list of strings, found " + item);
            }
            values.add(item.asText());
        }
        return values;
    }

    /** Tokens as JSON strings or numbers; strings keep all 64 bits whatever the client's JSON numbers are. */
    List<Long> tokens(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadRequestException(
                    "'" + field + "' must be a list of tokens, e.g. [\"-9223372036854775808\", \"0\"]");
        }
        List<Long> tokens = new ArrayList<>();
        for (JsonNode item : node) {
            try {
                if (item.isIntegralNumber() && item.canConvertToLong()) {
                    tokens.add(item.asLong());
                } else if (item.isTextual()) {
                    tokens.add(Long.parseLong(item.asText().trim()));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException(
                        "'" + field + "' holds " + item + ", which is not a Murmur3 token (a signed 64-bit integer)");
            }
        }
        if (tokens.stream().distinct().count() != tokens.size()) {
            throw new BadRequestException("'" + field + "' lists a token twice; every token must be distinct");
        }
        return tokens;
    }
}
