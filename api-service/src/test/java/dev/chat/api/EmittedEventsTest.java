package dev.chat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every event the API has written to the outbox, in this test and in every test of this module that ran before it
 * against the same database, validates against the JSON Schemas common-model publishes to clients.
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
@Order(Integer.MAX_VALUE) // last of the module (junit-platform.properties), so it sees every other test's events
class EmittedEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEmittedEventMatchesItsSchema() throws Exception {
        emitOneOfEach();
        List<String> invalid = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        int checked = 0;
        try (Connection connection = TestData.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_type, payload::text FROM outbox ORDER BY id")) {
            while (rows.next()) {
                JsonNode envelope = JSON.readTree(rows.getString(2));
                assertEquals(rows.getString(1), envelope.path("type").asText());
                types.add(envelope.path("type").asText());
                var violations = PublishedSchemas.violations("event.json", envelope);
                if (!violations.isEmpty()) {
                    invalid.add(violations + " in " + envelope);
                }
                checked++;
            }
        }
        assertEquals(List.of(), invalid);
        assertTrue(checked >= 8, "checked " + checked);
        assertTrue(types.containsAll(Set.of("message.created", "message.updated", "message.deleted", "reaction.added",
                "reaction.removed", "mention.created", "conversation.created", "conversation.updated",
                "conversation.shared", "dm.created")),
                "types seen: " + types);
    }

    /**
     * A flat message, a mention, a thread, shares into a public and a private channel, a restricted reply, an edit, a
     * delete, a reaction, a DM.
     */
    private static void emitOneOfEach() {
        UUID workspace = TestData.workspace();
        String subject = TestData.newSubject("emitter");
        UUID user = TestData.user(subject);
        TestData.activeMember(workspace, user, "admin");
        UUID mentioned = TestData.user(TestData.newSubject("mentioned"));
        TestData.activeMember(workspace, mentioned, "member");
        UUID general = TestData.channel(workspace, "general", "public");
        TestData.channel(workspace, "random", "public");
        UUID secret = TestData.channel(workspace, "secret", "private");
        TestData.channelMember(secret, user);

        String root = ApiCalls.post(subject, general, "flat, then a root", null);
        ApiCalls.post(subject, general, "<@" + mentioned + "> a mention", null);
        ApiCalls.post(subject, general, "first reply, cc #random", root);
        ApiCalls.post(subject, general, "and #secret", root);
        String restricted = ApiCalls.post(subject, secret, "said only in #secret", root);
        ApiCalls.as(subject).body(Map.of("content", "flat, then a root (edited)")).patch("/api/messages/" + root)
                .then().statusCode(200);
        ApiCalls.as(subject).delete("/api/messages/" + restricted).then().statusCode(204);
        ApiCalls.as(subject).put("/api/messages/" + root + "/reactions/🎉").then().statusCode(200);
        ApiCalls.as(subject).delete("/api/messages/" + root + "/reactions/🎉").then().statusCode(200);
        ApiCalls.as(subject).body(Map.of("user_ids", List.of(mentioned)))
                .post("/api/workspaces/" + workspace + "/dms").then().statusCode(201);
    }
}
