package dev.chat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.Repository;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml describes the protocol docs/protocol.md shows: every frame example there is exactly one of the
 * document's messages (client frames by their {@code op}, server frames by their {@code type}, and each of those a
 * valid {@code server-frame.json}), and every event envelope example is a valid {@code event.json}.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyExampleInTheProtocolIsAMessageOfTheDocument() throws Exception {
        JsonNode document = YAML.readTree(Repository.root().resolve("docs/asyncapi.yaml").toFile());
        assertEquals("3.0.0", document.path("asyncapi").asText());
        Map<String, JsonNode> payloads = new TreeMap<>();
        JsonNode schemas = document.at("/components/schemas");
        document.at("/components/messages").fields().forEachRemaining(message ->
                payloads.put(message.getKey(), standalone(message.getValue().path("payload"), schemas)));
        for (String operation : List.of("command", "answer")) {
            for (JsonNode ref : document.at("/operations/" + operation + "/messages")) {
                String name = ref.path("$ref").asText().replaceFirst(".*/", "");
                assertTrue(payloads.containsKey(name), operation + " names an unknown message " + name);
            }
        }

        String protocol = Files.readString(Repository.root().resolve("docs/protocol.md"));
        Matcher blocks = JSON_BLOCK.matcher(protocol);
        List<String> checked = new ArrayList<>();
        while (blocks.find()) {
            JsonNode example = JSON.readTree(blocks.group(1));
            String message = example.has("op") ? example.path("op").asText()
                    : example.has("occurred_at") ? null : example.path("type").asText();
            if (message == null) {
                assertEquals(List.of(), List.copyOf(PublishedSchemas.violations("event.json", example)),
                        "event example " + example);
                checked.add("event " + example.path("type").asText());
                continue;
            }
            assertTrue(payloads.containsKey(message), "no message '" + message + "' for example " + example);
            assertEquals(List.of(), List.copyOf(PublishedSchemas.violations(payloads.get(message), example)),
                    message + " example " + example);
            if (!example.has("op")) {
                assertEquals(List.of(), List.copyOf(PublishedSchemas.violations("server-frame.json", example)),
                        "server frame example " + example);
            }
            checked.add(message);
        }
        assertTrue(checked.containsAll(List.of("subscribe", "unsubscribe", "ping", "subscribed", "unsubscribed",
                "event", "error", "pong")), "examples of every message: " + checked);
    }

    /** A payload as a schema of its own: the document's shared schemas inlined as $defs. */
    private static JsonNode standalone(JsonNode payload, JsonNode sharedSchemas) {
        String text = payload.toString().replace("#/components/schemas/", "#/$defs/");
        ObjectNode schema;
        try {
            schema = (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("$defs", sharedSchemas);
        return schema;
    }
}
