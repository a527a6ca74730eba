package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.BadRequestException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict reading of JSON request bodies, with errors that name the field and the expected form. */
class RequestBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> START_FIELDS = Set.of("replaceAddress", "initialTokens", "autoBootstrap");

    private static RequestBody parse(String body, String... fields) {
        return RequestBody.parse(JSON, body, Set.of(fields));
    }

    // ---- the body as a whole ----

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyBodyHasNoFieldsAndEveryFallbackApplies(String body) {
        RequestBody request = RequestBody.parse(JSON, body, START_FIELDS);

        assertThat(request.string("replaceAddress")).isEmpty();
        assertThat(request.bool("autoBootstrap", true)).isTrue();
        assertThat(request.bool("autoBootstrap", false)).isFalse();
        assertThat(request.integer("timeoutSeconds", 120, 1, 3600)).isEqualTo(120);
        assertThat(request.strings("seeds")).isEmpty();
        assertThat(request.tokens("initialTokens")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"drain\": }", "drain=true", "{'drain': true}"})
    void bodyThatIsNotJsonIsRefused(String body) {
        assertThatThrownBy(() -> parse(body, "drain"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: ")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"drain\": true} {\"drain\": false}", "{\"drain\": true}}", "{\"drain\": true} x"})
    void bodyWithContentAfterTheObjectIsRefused(String body) {
        assertThatThrownBy(() -> parse(body, "drain"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: ");
    }

    @Test
    void fieldGivenTwiceIsRefused() {
        assertThatThrownBy(() -> parse("{\"drain\": true, \"drain\": false}", "drain"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("request body is not valid JSON: ")
                .hasMessageContaining("drain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"drain\": true}]", "42", "\"drain\"", "true", "null"})
    void bodyThatIsNotAnObjectIsRefused(String body) {
        assertThatThrownBy(() -> parse(body, "drain"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("request body must be a JSON object");
    }

    @Test
    void unknownFieldIsNamedAlongWithTheKnownOnes() {
        assertThatThrownBy(() ->
                        RequestBody.parse(JSON, "{\"autoBootstrap\": true, \"replace\": \"127.0.0.9\"}", START_FIELDS))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("unknown field 'replace'; this request takes ")
                .hasMessageContainingAll("replaceAddress", "initialTokens", "autoBootstrap");
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        assertThatThrownBy(() -> parse("{\"Drain\": true}", "drain")).hasMessageStartingWith("unknown field 'Drain'");
    }

    @Test
    void knownFieldsAreRead() {
        RequestBody request = parse(
                "{\"replaceAddress\": \"127.0.0.9\", \"autoBootstrap\": false, \"timeoutSeconds\": 30,"
                        + " \"seeds\": [\"127.0.0.1\", \"127.0.0.2\"]}",
                "replaceAddress",
                "autoBootstrap",
                "timeoutSeconds",
                "seeds");

        assertThat(request.string("replaceAddress")).hasValue("127.0.0.9");
        assertThat(request.bool("autoBootstrap", true)).isFalse();
        assertThat(request.integer("timeoutSeconds", 120, 1, 3600)).isEqualTo(30);
        assertThat(request.strings("seeds")).containsExactly("127.0.0.1", "127.0.0.2");
    }

    @Test
    void jsonNullMeansAbsent() {
        RequestBody request =
                parse("{\"a\": null, \"b\": null, \"c\": null, \"d\": null, \"e\": null}", "a", "b", "c", "d", "e");

        assertThat(request.string("a")).isEmpty();
        assertThat(request.bool("b", true)).isTrue();
        assertThat(request.integer("c", 7, 1, 10)).isEqualTo(7);
        assertThat(request.strings("d")).isEmpty();
        assertThat(request.tokens("e")).isEmpty();
    }

    // ---- field types ----

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "[\"127.0.0.9\"]", "{}"})
    void stringFieldOfAnotherTypeIsRefused(String value) {
        RequestBody request = parse("{\"replaceAddress\": " + value + "}", "replaceAddress");
        assertThatThrownBy(() -> request.string("replaceAddress"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'replaceAddress' must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "0", "\"yes\""})
    void booleanFieldOfAnotherTypeIsRefused(String value) {
        RequestBody request = parse("{\"drain\": " + value + "}", "drain");
        assertThatThrownBy(() -> request.bool("drain", true))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'drain' must be true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "60", "3600"})
    void integerFieldWithinRangeIsRead(String value) {
        assertThat(parse("{\"timeoutSeconds\": " + value + "}", "timeoutSeconds")
                        .integer("timeoutSeconds", 120, 1, 3600))
                .isEqualTo(Integer.parseInt(value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0", "3601", "-5", "1.5", "60.0", "\"60\"", "true", "9999999999", "99999999999999999999999"})
    void integerFieldOutOfRangeOrOfAnotherTypeIsRefused(String value) {
        RequestBody request = parse("{\"timeoutSeconds\": " + value + "}", "timeoutSeconds");
        assertThatThrownBy(() -> request.integer("timeoutSeconds", 120, 1, 3600))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'timeoutSeconds' must be a whole number from 1 to 3600");
    }

    @Test
    void stringListThatIsNotAListIsRefused() {
        RequestBody request = parse("{\"seeds\": \"127.0.0.1,127.0.0.2\"}", "seeds");
        assertThatThrownBy(() -> request.strings("seeds"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'seeds' must be a list of strings");
    }

    @Test
    void stringListWithANonStringItemIsRefusedShowingTheItem() {
        RequestBody request = parse("{\"seeds\": [\"127.0.0.1\", 12]}", "seeds");
        assertThatThrownBy(() -> request.strings("seeds"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'seeds' must be a list of strings, found 12");
    }

    // ---- lists of objects ----

    @Test
    void aListOfObjectsIsReadAsTheContractsRecords() {
        RequestBody request = parse(
                "{\"ranges\": [{\"start\": \"-9223372036854775808\", \"end\": \"7\"}, {\"end\": \"9\"}]}", "ranges");

        assertThat(request.objects(JSON, "ranges", dev.cassini.contract.TokenRange.class))
                .containsExactly(
                        new dev.cassini.contract.TokenRange("-9223372036854775808", "7"),
                        new dev.cassini.contract.TokenRange(null, "9"));
        assertThat(parse("{}", "ranges").objects(JSON, "ranges", dev.cassini.contract.TokenRange.class))
                .isEmpty();
    }

    @Test
    void aListOfObjectsRefusesOtherItemsAndUnknownFieldsNamingTheItem() {
        assertThatThrownBy(() -> parse("{\"ranges\": {\"start\": \"0\"}}", "ranges")
                        .objects(JSON, "ranges", dev.cassini.contract.TokenRange.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'ranges' must be a list of TokenRange objects");
        assertThatThrownBy(() -> parse("{\"ranges\": [\"0:10\"]}", "ranges")
                        .objects(JSON, "ranges", dev.cassini.contract.TokenRange.class))
                .hasMessage("'ranges' must be a list of TokenRange objects, found \"0:10\"");
        assertThatThrownBy(
                        () -> parse("{\"ranges\": [{\"start\": \"0\", \"end\": \"1\"}, {\"from\": \"0\"}]}", "ranges")
                                .objects(JSON, "ranges", dev.cassini.contract.TokenRange.class))
                .hasMessageStartingWith("'ranges'[1] is not a valid TokenRange: ")
                .hasMessageContaining("\"from\"")
                .hasMessageNotContaining("\n");
    }

    // ---- tokens ----

    @Test
    void tokensMayBeStringsOrNumbersAndKeepAll64Bits() {
        RequestBody request = parse(
                "{\"initialTokens\": [\"-9223372036854775808\", -3074457345618258603, \" 42 \", 0,"
                        + " 9223372036854775807]}",
                "initialTokens");

        assertThat(request.tokens("initialTokens"))
                .containsExactly(Long.MIN_VALUE, -3074457345618258603L, 42L, 0L, Long.MAX_VALUE);
    }

    @Test
    void emptyTokenListIsNoTokens() {
        assertThat(parse("{\"initialTokens\": []}", "initialTokens").tokens("initialTokens"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"-9223372036854775808,0\"", "42", "{\"t\": 1}"})
    void tokensThatAreNotAListAreRefusedWithAnExample(String value) {
        RequestBody request = parse("{\"initialTokens\": " + value + "}", "initialTokens");
        assertThatThrownBy(() -> request.tokens("initialTokens"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'initialTokens' must be a list of tokens, e.g. [\"-9223372036854775808\", \"0\"]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\"abc\"", "1.5", "9223372036854775808", "\"9223372036854775808\"", "true", "null", "[1]", "\"\""
            })
    void tokenThatIsNotA64BitIntegerIsRefusedShowingIt(String token) {
        RequestBody request = parse("{\"initialTokens\": [0, " + token + "]}", "initialTokens");
        assertThatThrownBy(() -> request.tokens("initialTokens"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage(
                        "'initialTokens' holds " + token + ", which is not a Murmur3 token (a signed 64-bit integer)");
    }

    @Test
    void sameTokenTwiceIsRefusedEvenInDifferentForms() {
        RequestBody request = parse("{\"initialTokens\": [\"100\", 5, 100]}", "initialTokens");
        assertThatThrownBy(() -> request.tokens("initialTokens"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("'initialTokens' lists a token twice; every token must be distinct");
    }
}
