package dev.chat.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    enum Kind { A, B }

    record Body(String name, Integer count, Boolean flag, UUID id, Kind kind, Double ratio) {
    }

    private final ObjectMapper json = StrictJson.configure(new ObjectMapper());

    @Test
    void readsWhatIsMeant() throws JsonProcessingException {
        Body body = json.readValue("""
                {"name":"a\\ud83d\\ude00b","count":3,"flag":true,"id":"00000000-0000-7000-8000-000000000001",
                 "kind":"B","ratio":2}""", Body.class);
        assertEquals(new Body("a\uD83D\uDE00b", 3, true, UUID.fromString("00000000-0000-7000-8000-000000000001"),
                Kind.B, 2.0), body);
        assertEquals(new Body(null, null, null, null, null, null), json.readValue("{}", Body.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"name\":true}", "{\"name\":12}", "{\"name\":1.5}", "{\"name\":[\"a\"]}", "{\"name\":{}}",
        "{\"count\":3.14}", "{\"count\":\"\"}", "{\"count\":\"3\"}", "{\"count\":true}", "{\"count\":\" \"}",
        "{\"flag\":1}", "{\"flag\":\"true\"}", "{\"flag\":\"\"}",
        "{\"id\":\"\"}", "{\"kind\":0}", "{\"kind\":\"\"}", "{\"ratio\":\"1\"}"})
    void refusesCoercion(String body) {
        assertThrows(MismatchedInputException.class, () -> json.readValue(body, Body.class));
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> json.readValue("{\"maxUses\":3}", Body.class));
        assertEquals("maxUses", e.getPropertyName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":\"x\"}xyz", "{\"name\":\"x\"}{}",
        "{\"name\":\"x\"} 1"})
    void refusesDuplicateKeysAndTrailingData(String body) {
        assertThrows(JsonProcessingException.class, () -> json.readValue(body, Body.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\ud800", "x\\udc00", "\\ude00\\ud83d", "end\\ud83d"})
    void refusesTextThatCannotBeStored(String escaped) {
        assertThrows(UnstorableTextException.class,
                () -> json.readValue("{\"name\":\"" + escaped + "\"}", Body.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "1-1-1-1-1", "00000000-0000-7000-8000-00000000001", "AAAAAAAAAAAAAAAAAAAAAA==",
        "00000000-0000-7000-8000-0000000000011", "00000000+0000-7000-8000-000000000001"})
    void readsOnlyCanonicalUuids(String id) {
        assertThrows(InvalidFormatException.class, () -> json.readValue("{\"id\":\"" + id + "\"}", Body.class));
    }
}
