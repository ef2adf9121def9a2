package dev.chat.api.messages;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.body;
import static dev.chat.api.ApiCalls.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.api.OutboxEvents;
import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Concurrently;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Editing and deleting messages: who may, what is kept, what is announced, and how threads keep their counts. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class MessageChangeTest {

    /** What a refused change could have touched. */
    private static final String FINGERPRINT = """
            SELECT (SELECT count(*) FROM outbox) || '/' || (SELECT count(*) FROM message_versions) || '/'
                || (SELECT coalesce(string_agg(content || coalesce(edited_at::text, '')
                                               || coalesce(deleted_at::text, ''), '|' ORDER BY id), '')
                    FROM messages WHERE workspace_id = ?::uuid)
                || '/' || (SELECT coalesce(sum(reply_count), 0) FROM conversations WHERE workspace_id = ?::uuid)
            """;

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void theAuthorEditsAndTheReplacedTextIsKeptAsAVersion() throws Exception {
        String id = post(team.bobSubject(), team.general(), "helo team", null);
        long mark = OutboxEvents.mark();

        as(team.bobSubject()).body(Map.of("content", "hello team")).patch("/api/messages/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("content", equalTo("hello team"))
                .body("edited_at", notNullValue())
                .body("deleted", equalTo(false));

        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "%");
        assertEquals(1, events.size());
        assertEquals("message.updated", events.get(0).at("/envelope/type").asText());
        assertEquals("[\"channel:" + team.general() + "\"]", events.get(0).path("rooms").toString());
        assertEquals("hello team", events.get(0).at("/envelope/payload/content").asText());

        as(team.bobSubject()).body(Map.of("content", "hello everyone")).patch("/api/messages/" + id)
                .then().statusCode(200);
        List<Map<String, Object>> versions = as(team.bobSubject()).get("/api/messages/" + id + "/versions")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(List.of("helo team", "hello team"), versions.stream().map(v -> v.get("content")).toList());
        assertEquals(List.of(1, 2), versions.stream().map(v -> v.get("version")).toList());

        // The timeline serves the edit with its mark.
        as(team.aliceSubject()).get("/api/channels/" + team.general() + "/messages")
                .then().statusCode(200)
                .body("items[0].content", equalTo("hello everyone"))
                .body("items[0].edited_at", notNullValue());
    }

    @Test
    void theSameTextAgainChangesNothing() {
        String id = post(team.bobSubject(), team.general(), "as it was", null);
        String before = fingerprint();
        as(team.bobSubject()).body(Map.of("content", "as it was")).patch("/api/messages/" + id)
                .then().statusCode(200).body("edited_at", equalTo(null));
        assertEquals(before, fingerprint());
    }

    @Test
    void refusedEditsHaveTheirCodesAndWriteNothing() {
        String bobs = post(team.bobSubject(), team.general(), "mine", null);
        String deleted = post(team.bobSubject(), team.general(), "gone soon", null);
        as(team.bobSubject()).delete("/api/messages/" + deleted).then().statusCode(204);
        UUID old = TestData.channel(team.workspace(), "old", "public");
        String archived = post(team.bobSubject(), old, "in the archive", null);
        as(team.aliceSubject()).post("/api/channels/" + old + "/archive").then().statusCode(200);

        String before = fingerprint();
        refuse(team.aliceSubject(), bobs, Map.of("content", "an admin's words"), 403, "forbidden");
        refuse(team.bobSubject(), bobs, Map.of("content", "  "), 400, "validation_failed");
        refuse(team.bobSubject(), bobs, Map.of(), 400, "validation_failed");
        refuse(team.bobSubject(), bobs, Map.of("content", "x".repeat(40_001)), 413, "content_too_large");
        refuse(team.bobSubject(), UUID.randomUUID().toString(), Map.of("content", "hi"), 404, "not_found");
        refuse(team.bobSubject(), deleted, Map.of("content", "back"), 404, "not_found");
        refuse(team.bobSubject(), archived, Map.of("content", "rewrite history"), 409, "channel_archived");
        as(team.aliceSubject()).get("/api/messages/" + bobs + "/versions")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        assertEquals(before, fingerprint(), "a refused edit writes nothing");
    }

    @Test
    void editingAThreadRootReachesEveryChannelShowingItAndTheThread() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "plan, cc #engineering", null);
        String reply = post(team.bobSubject(), team.general(), "ok", root);
        String conversation = TestData.conversationOf(root);

        long mark = OutboxEvents.mark();
        as(team.aliceSubject()).body(Map.of("content", "the plan, cc #engineering")).patch("/api/messages/" + root)
                .then().statusCode(200).body("conversation_id", equalTo(conversation));
        assertEquals("[\"channel:" + team.general() + "\",\"channel:" + team.engineering() + "\",\"thread:"
                + conversation + "\"]", OutboxEvents.after(team.workspace(), mark, "%").get(0).path("rooms").toString());

        mark = OutboxEvents.mark();
        as(team.bobSubject()).body(Map.of("content", "ok!")).patch("/api/messages/" + reply)
                .then().statusCode(200).body("reply_to_message_id", equalTo(root));
        assertEquals("[\"thread:" + conversation + "\"]", OutboxEvents.after(team.workspace(), mark, "%").get(0).path("rooms").toString());
    }

    @Test
    void aTagAddedByAnEditSharesTheMessageAsANewOneWould() throws Exception {
        String id = post(team.bobSubject(), team.general(), "release notes", null);
        long mark = OutboxEvents.mark();
        String conversation = as(team.bobSubject()).body(Map.of("content", "release notes, cc #engineering"))
                .patch("/api/messages/" + id)
                .then().statusCode(200).extract().path("conversation_id");

        assertEquals(List.of("conversation.created", "conversation.shared", "message.updated"),
                OutboxEvents.after(team.workspace(), mark, "%").stream().map(e -> e.at("/envelope/type").asText()).toList());
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM conversation_channels WHERE conversation_id = ?::uuid AND channel_id = ?::uuid
                """, conversation, team.engineering().toString()));
    }

    @Test
    void theAuthorOrAnAdminDeletesAndTheContentIsGoneWithItsVersions() throws Exception {
        String bobs = post(team.bobSubject(), team.general(), "secret: hunter2", null);
        as(team.bobSubject()).body(Map.of("content", "secret: hunter3")).patch("/api/messages/" + bobs)
                .then().statusCode(200);
        String alices = post(team.aliceSubject(), team.general(), "from the admin", null);

        String before = fingerprint();
        as(team.carolSubject()).delete("/api/messages/" + alices)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        assertEquals(before, fingerprint(), "a refused delete writes nothing");

        long mark = OutboxEvents.mark();
        as(team.aliceSubject()).delete("/api/messages/" + bobs).then().statusCode(204);
        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "%");
        assertEquals(1, events.size());
        assertEquals("message.deleted", events.get(0).at("/envelope/type").asText());
        assertEquals(Map.of("id", bobs, "channel_id", team.general().toString()),
                Map.of("id", events.get(0).at("/envelope/payload/id").asText(),
                        "channel_id", events.get(0).at("/envelope/payload/channel_id").asText()));
        assertEquals("", TestData.string("SELECT content FROM messages WHERE id = ?::uuid", bobs));
        assertEquals(0, TestData.count("SELECT count(*) FROM message_versions WHERE message_id = ?::uuid", bobs));
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox WHERE id > ? AND payload::text LIKE '%hunter%'",
                mark), "no event carries the deleted text");

        List<String> listed = as(team.aliceSubject()).get("/api/channels/" + team.general() + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(List.of(alices), listed);

        // Deleting it again is a success that changes nothing.
        String after = fingerprint();
        as(team.bobSubject()).delete("/api/messages/" + bobs).then().statusCode(204);
        assertEquals(after, fingerprint());
    }

    @Test
    void aDeletedRootStaysAsAPlaceholderAndItsThreadLivesOn() {
        String root = post(team.aliceSubject(), team.general(), "vote here", null);
        post(team.bobSubject(), team.general(), "yes", root);
        String conversation = TestData.conversationOf(root);
        as(team.bobSubject()).put("/api/messages/" + root + "/reactions/👍").then().statusCode(200);
        as(team.aliceSubject()).delete("/api/messages/" + root).then().statusCode(204);

        as(team.bobSubject()).get("/api/channels/" + team.general() + "/messages")
                .then().statusCode(200)
                .body("items[0].id", equalTo(root))
                .body("items[0].deleted", equalTo(true))
                .body("items[0].content", equalTo(""))
                .body("items[0].reply_count", equalTo(1))
                .body("items[0].reactions", equalTo(List.of()));
        as(team.bobSubject()).get("/api/conversations/" + conversation)
                .then().statusCode(200).body("root_message.deleted", equalTo(true));
        post(team.carolSubject(), team.general(), "still voting", root);
        as(team.bobSubject()).get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).body("items.size()", equalTo(2));

        // A deleted flat message takes no replies.
        String flat = post(team.aliceSubject(), team.general(), "oops", null);
        as(team.aliceSubject()).delete("/api/messages/" + flat).then().statusCode(204);
        as(team.bobSubject()).body(body(team.general(), "what was it?", flat)).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void aDeletionReachesAChannelATagAddedWhileItWaited() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "roadmap", null);
        post(team.bobSubject(), team.general(), "nice", root);
        String conversation = TestData.conversationOf(root);
        long mark = OutboxEvents.mark();
        try (Connection sharing = TestData.connect()) {
            // A share in flight: it holds the conversation's lock, as TagSharing does, and adds #engineering.
            sharing.setAutoCommit(false);
            try (var lock = sharing.prepareStatement(
                    "SELECT 1 FROM conversations WHERE id = ?::uuid FOR NO KEY UPDATE")) {
                lock.setString(1, conversation);
                lock.executeQuery();
            }
            var deletion = CompletableFuture.supplyAsync(
                    () -> as(team.aliceSubject()).delete("/api/messages/" + root).statusCode());
            Thread.sleep(300);
            assertFalse(deletion.isDone(), "the deletion waits for the conversation's lock");
            try (var add = sharing.prepareStatement("""
                    INSERT INTO conversation_channels (conversation_id, channel_id, timeline_key)
                    VALUES (?::uuid, ?::uuid, gen_random_uuid())""")) {
                add.setString(1, conversation);
                add.setString(2, team.engineering().toString());
                add.executeUpdate();
            }
            sharing.commit();
            assertEquals(204, deletion.get(10, TimeUnit.SECONDS));
        }
        JsonNode deleted = OutboxEvents.after(team.workspace(), mark, "message.deleted").get(0);
        assertTrue(deleted.path("rooms").toString().contains("channel:" + team.engineering()), deleted.toString());
    }

    @Test
    void aDeletedReplyIsNoLongerCountedOrListed() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "standup", null);
        String first = post(team.bobSubject(), team.general(), "done", root);
        String second = post(team.carolSubject(), team.general(), "blocked", root);
        String conversation = TestData.conversationOf(root);

        long mark = OutboxEvents.mark();
        as(team.bobSubject()).delete("/api/messages/" + first).then().statusCode(204);

        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "%");
        assertEquals(List.of("message.deleted", "conversation.updated"),
                events.stream().map(e -> e.at("/envelope/type").asText()).toList());
        assertEquals("[\"thread:" + conversation + "\"]", events.get(0).path("rooms").toString());
        JsonNode summary = events.get(1).at("/envelope/payload");
        assertEquals(1, summary.path("reply_count").asInt());
        assertEquals("[\"" + team.carol() + "\"]", summary.path("participant_ids").toString());
        assertEquals(second, as(team.aliceSubject()).get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).body("items.size()", equalTo(1)).extract().path("items[0].id"));
        as(team.aliceSubject()).get("/api/channels/" + team.general() + "/messages")
                .then().statusCode(200).body("items[0].reply_count", equalTo(1));
    }

    @Test
    void aDeletedRestrictedReplyChangesOnlyItsChannelsSummary() throws Exception {
        String root = as(team.carolSubject()).body(body(team.general(), "budget, cc #leadership", null))
                .post("/api/messages").then().statusCode(201).extract().path("id");
        String conversation = TestData.conversationOf(root);
        String restricted = post(team.carolSubject(), team.leadership(), "between us: no", root);
        assertEquals(1, TestData.count("""
                SELECT restricted_reply_count FROM conversation_channels
                WHERE conversation_id = ?::uuid AND channel_id = ?::uuid""",
                conversation, team.leadership().toString()));

        long mark = OutboxEvents.mark();
        as(team.carolSubject()).delete("/api/messages/" + restricted).then().statusCode(204);
        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "%");
        assertEquals(2, events.size());
        for (JsonNode event : events) {
            assertEquals("[\"channel:" + team.leadership() + "\"]", event.path("rooms").toString(),
                    "only the private channel hears of its reply: " + event);
        }
        assertEquals(0, TestData.count("""
                SELECT restricted_reply_count FROM conversation_channels
                WHERE conversation_id = ?::uuid AND channel_id = ?::uuid""",
                conversation, team.leadership().toString()));
    }

    @Test
    void concurrentEditsAreNumberedOneAfterAnother() throws Exception {
        String id = post(team.bobSubject(), team.general(), "v0", null);
        List<Integer> statuses = Concurrently.run(10, () -> as(team.bobSubject())
                .body(Map.of("content", "v" + UUID.randomUUID())).patch("/api/messages/" + id).statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals("1,2,3,4,5,6,7,8,9,10", TestData.string(
                "SELECT string_agg(version::text, ',' ORDER BY version) FROM message_versions WHERE message_id = ?",
                UUID.fromString(id)));
        assertEquals(10, TestData.count(
                "SELECT count(*) FROM outbox WHERE event_type = 'message.updated' AND payload->'payload'->>'id' = ?",
                id));
    }

    @Test
    void concurrentDeletesOfRepliesLeaveTheRightCount() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "count us", null);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(post(team.bobSubject(), team.general(), "reply " + i, root));
        }
        List<String> doomed = replies.subList(0, 5);
        AtomicInteger next = new AtomicInteger();
        List<Integer> deleted = Concurrently.run(5, () -> as(team.bobSubject())
                .delete("/api/messages/" + doomed.get(next.getAndIncrement())).statusCode());
        assertEquals(List.of(204), deleted.stream().distinct().toList());
        assertEquals(1, TestData.count("SELECT reply_count FROM conversations WHERE root_message_id = ?::uuid", root));
    }

    private void refuse(String subject, String messageId, Map<String, Object> body, int status, String code) {
        as(subject).body(body).patch("/api/messages/" + messageId)
                .then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    private String fingerprint() {
        return TestData.string(FINGERPRINT, team.workspace().toString(), team.workspace().toString());
    }
}
