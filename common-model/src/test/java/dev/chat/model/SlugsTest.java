package dev.chat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlugsTest {

    /** The examples the web client's slug preview is tested against too. */
    static Stream<JsonNode> examples() throws IOException {
        try (InputStream in = SlugsTest.class.getResourceAsStream("/slug-examples.json")) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).path("examples").spliterator(), false);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void makesReadableSlugs(JsonNode example) {
        assertEquals(example.path("slug").asText(), Slugs.from(example.path("name").asText(),
                example.path("max").asInt(), example.path("fallback").asText()));
    }

    @Test
    void candidatesNumberFromTwoAndKeepWithinTheLength() {
        assertEquals("acme", Slugs.candidate("acme", 1, 64));
        assertEquals("acme-2", Slugs.candidate("acme", 2, 64));
        assertEquals("abcdefg-12", Slugs.candidate("abcdefghij", 12, 10));
        assertEquals("abc-12", Slugs.candidate("abc-efghij", 12, 7));
    }
}
