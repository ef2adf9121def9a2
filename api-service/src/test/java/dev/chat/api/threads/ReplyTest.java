package dev.chat.api.threads;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.body;
import static dev.chat.api.ApiCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class ReplyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void theFirstReplyTurnsAFlatMessageIntoAThreadWithItsEventsInOrder() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "lunch?", null);
        Map<String, Object> reply = as(team.bobSubject()).body(body(team.general(), "yes!", root)).post("/api/messages")
                .then().statusCode(201)
                .body("reply_to_message_id", equalTo(root))
                .body("channel_id", equalTo(team.general().toString()))
                .extract().as(Map.class);
        String conversation = (String) reply.get("conversation_id");

        assertEquals(root, TestData.string("SELECT root_message_id::text FROM conversations WHERE id = ?::uuid",
                conversation));
        assertEquals(conversation, TestData.string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid",
                root));
        assertEquals(team.general().toString(), TestData.string("""
                SELECT channel_id::text FROM conversation_channels WHERE conversation_id = ?::uuid AND is_primary
                """, conversation));

        List<JsonNode> events = eventsAbout(conversation);
        assertEquals(List.of("conversation.created", "message.created", "conversation.updated"),
                events.stream().map(e -> e.path("envelope").path("type").asText()).toList());
        assertEquals("[\"channel:" + team.general() + "\"]", events.get(0).path("rooms").toString());
        assertEquals(root, events.get(0).at("/envelope/payload/root_message_id").asText());
        assertEquals("[\"thread:" + conversation + "\"]", events.get(1).path("rooms").toString());
        assertEquals(reply.get("id"), events.get(1).at("/envelope/payload/id").asText());
        assertEquals("[\"channel:" + team.general() + "\"]", events.get(2).path("rooms").toString());
        assertEquals(1, events.get(2).at("/envelope/payload/reply_count").asInt());
        assertEquals("[\"" + team.bob() + "\"]", events.get(2).at("/envelope/payload/participant_ids").toString());
        for (JsonNode event : events) {
            assertEquals(0, PublishedSchemas.violations("event.json", event.path("envelope")).size(), event.toString());
        }
    }

    @Test
    void aReplyToAReplyJoinsTheSameConversation() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "design review at 3", null);
        String first = post(team.bobSubject(), team.general(), "ok", root);
        String conversation = conversationOf(first);
        String second = post(team.aliceSubject(), team.general(), "thanks", first);

        assertEquals(conversation, conversationOf(second));
        List<JsonNode> events = eventsAbout(conversation);
        assertEquals(List.of("conversation.created", "message.created", "conversation.updated", "message.created",
                        "conversation.updated"),
                events.stream().map(e -> e.path("envelope").path("type").asText()).toList());
        JsonNode last = events.get(4).at("/envelope/payload");
        assertEquals(2, last.path("reply_count").asInt());
        assertEquals("[\"" + team.bob() + "\",\"" + team.alice() + "\"]", last.path("participant_ids").toString());
        assertEquals(2, TestData.count("SELECT reply_count FROM conversations WHERE id = ?::uuid", conversation));
    }

    @Test
    void twentyFourConcurrentFirstRepliesMakeOneConversation() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "who is in?", null);
        int repliers = 24;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(repliers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < repliers; i++) {
                String subject = i % 2 == 0 ? team.aliceSubject() : team.bobSubject();
                String token = Tokens.forSubject(subject);
                int n = i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).auth().oauth2(token)
                            .body(body(team.general(), "me " + n, root)).post("/api/messages").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestData.count("SELECT count(*) FROM conversations WHERE root_message_id = ?::uuid", root));
        String conversation = TestData.conversationOf(root);
        assertEquals(repliers, TestData.count("SELECT count(*) FROM messages WHERE conversation_id = ?::uuid "
                + "AND reply_to_message_id IS NOT NULL", conversation));
        assertEquals(repliers, TestData.count("SELECT reply_count FROM conversations WHERE id = ?::uuid",
                conversation));
        List<String> types = eventsAbout(conversation).stream()
                .map(e -> e.path("envelope").path("type").asText()).toList();
        assertEquals(1, types.stream().filter("conversation.created"::equals).count());
        assertEquals("conversation.created", types.get(0));
        // Each summary carries a count one higher than the one before: replies are counted one after another.
        List<Integer> counts = eventsAbout(conversation).stream()
                .filter(e -> e.path("envelope").path("type").asText().equals("conversation.updated"))
                .map(e -> e.at("/envelope/payload/reply_count").asInt()).toList();
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(i + 1, counts.get(i));
        }
    }

    @Test
    void aRetriedReplyReturnsTheFirstAndWritesNothingMore() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "standup notes", null);
        Map<String, Object> body = body(team.general(), "noted", root);
        body.put("client_msg_id", "retry-1");
        String first = as(team.bobSubject()).body(body).post("/api/messages")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        long events = TestData.count("SELECT count(*) FROM outbox");
        String second = as(team.bobSubject()).body(body).post("/api/messages")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");

        assertEquals(first, second);
        assertEquals(events, TestData.count("SELECT count(*) FROM outbox"));
        assertEquals(1, TestData.count("SELECT reply_count FROM conversations WHERE root_message_id = ?::uuid", root));
    }

    @Test
    void refusedRepliesWriteNothing() {
        String root = post(team.aliceSubject(), team.general(), "hello", null);
        UUID otherWorkspace = TestData.workspace();
        UUID elsewhere = TestData.channel(otherWorkspace, "general", "public");
        UUID outsider = TestData.user(TestData.newSubject("outsider"));
        TestData.activeMember(otherWorkspace, outsider, "member");
        String foreign = TestData.string("SELECT ?::text", UUID.randomUUID());
        TestData.update("""
                INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at)
                VALUES (?::uuid, ?, ?, ?, 'elsewhere', now())
                """, foreign, otherWorkspace, elsewhere, outsider);
        UUID random = TestData.channel(team.workspace(), "random", "public");
        String secret = post(team.carolSubject(), team.leadership(), "private matters", null);
        long messages = TestData.count("SELECT count(*) FROM messages");
        long events = TestData.count("SELECT count(*) FROM outbox");

        as(team.bobSubject()).body(body(team.general(), "to nothing", UUID.randomUUID().toString())).post("/api/messages")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        as(team.bobSubject()).body(body(team.general(), "across workspaces", foreign)).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
        // A root in a private channel the replier cannot read is as unknown as one that does not exist.
        as(team.bobSubject()).body(body(team.general(), "peeking", secret)).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(team.bobSubject()).body(body(random, "wrong channel", root)).post("/api/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));

        assertEquals(messages, TestData.count("SELECT count(*) FROM messages"));
        assertEquals(events, TestData.count("SELECT count(*) FROM outbox"));
        assertEquals(0, TestData.count("SELECT count(*) FROM conversations WHERE root_message_id = ?::uuid", root));
        assertEquals(0, TestData.count("SELECT count(*) FROM conversations WHERE root_message_id = ?::uuid",
                secret));
    }

    static String conversationOf(String messageId) {
        return TestData.string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid", messageId);
    }

    /** Every outbox row that names the conversation, in outbox order, as {rooms, envelope}. */
    static List<JsonNode> eventsAbout(String conversation) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (Connection connection = TestData.connect();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT array_to_json(rooms)::text, payload::text FROM outbox
                     WHERE payload->'payload'->>'conversation_id' = ? ORDER BY id
                     """)) {
            query.setString(1, conversation);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                    "rooms", JSON.readTree(rows.getString(1)))
                            .set("envelope", JSON.readTree(rows.getString(2))));
                }
            }
        }
        assertTrue(!events.isEmpty(), "no events about " + conversation);
        return events;
    }
}
