package dev.chat.api.messages;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.api.OutboxEvents;
import dev.chat.api.Team;
import dev.chat.model.Limits;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Concurrently;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reactions: idempotent both ways, counted exactly under concurrency, bounded, announced, and shown to each reader. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class ReactionTest {

    private static final String THUMBS_UP = "👍";

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void reactingAndTakingItBackAreIdempotentAndAnnounced() throws Exception {
        String id = post(team.aliceSubject(), team.general(), "ship it?", null);
        long mark = OutboxEvents.mark();

        react(team.bobSubject(), id, THUMBS_UP).then().statusCode(200)
                .body("emoji", equalTo(THUMBS_UP)).body("count", equalTo(1));
        react(team.bobSubject(), id, THUMBS_UP).then().statusCode(200).body("count", equalTo(1));
        react(team.carolSubject(), id, THUMBS_UP).then().statusCode(200).body("count", equalTo(2));
        unreact(team.bobSubject(), id, THUMBS_UP).then().statusCode(200).body("count", equalTo(1));
        unreact(team.bobSubject(), id, THUMBS_UP).then().statusCode(200).body("count", equalTo(1));

        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "reaction.%");
        assertEquals(List.of("reaction.added 1", "reaction.added 2", "reaction.removed 1"), events.stream()
                .map(e -> e.at("/envelope/type").asText() + " " + e.at("/envelope/payload/count").asInt()).toList());
        assertEquals("[\"channel:" + team.general() + "\"]", events.get(0).path("rooms").toString());
        assertEquals(team.bob().toString(), events.get(0).at("/envelope/payload/user_id").asText());
        assertEquals(THUMBS_UP, events.get(0).at("/envelope/payload/emoji").asText());
    }

    @Test
    void eachReaderSeesTheCountsAndWhetherTheyReacted() {
        String root = post(team.aliceSubject(), team.general(), "friday?", null);
        String reply = post(team.bobSubject(), team.general(), "yes", root);
        String conversation = TestData.string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid", root);
        react(team.bobSubject(), root, "🎉").then().statusCode(200);
        react(team.carolSubject(), root, "🎉").then().statusCode(200);
        react(team.carolSubject(), root, ":eyes:").then().statusCode(200);
        react(team.aliceSubject(), reply, THUMBS_UP).then().statusCode(200);

        as(team.bobSubject()).get("/api/channels/" + team.general() + "/messages").then().statusCode(200)
                .body("items[0].reactions", equalTo(List.of(
                        Map.of("emoji", "🎉", "count", 2, "me", true),
                        Map.of("emoji", ":eyes:", "count", 1, "me", false))));
        as(team.aliceSubject()).get("/api/conversations/" + conversation).then().statusCode(200)
                .body("root_message.reactions[0]", equalTo(Map.of("emoji", "🎉", "count", 2, "me", false)));
        as(team.aliceSubject()).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("items[0].reactions", equalTo(List.of(Map.of("emoji", THUMBS_UP, "count", 1, "me", true))));
    }

    @Test
    void twentyConcurrentIdenticalReactionsCountOnce() throws Exception {
        String id = post(team.aliceSubject(), team.general(), "popular", null);
        List<Integer> statuses = Concurrently.run(20,
                () -> react(team.bobSubject(), id, THUMBS_UP).then().extract().statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(1, TestData.count("SELECT count(*) FROM message_reactions WHERE message_id = ?::uuid", id));
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM outbox
                WHERE event_type = 'reaction.added' AND payload->'payload'->>'message_id' = ?
                """, id));
    }

    @Test
    void concurrentReactionsOfManyPeopleEachCountOnceInOrder() throws Exception {
        String id = post(team.aliceSubject(), team.general(), "vote", null);
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String subject = TestData.newSubject("voter");
            TestData.activeMember(team.workspace(), TestData.user(subject), "member");
            voters.add(subject);
        }
        AtomicInteger next = new AtomicInteger();
        Concurrently.run(8, () -> react(voters.get(next.getAndIncrement()), id, THUMBS_UP).then().statusCode(200));
        assertEquals("1,2,3,4,5,6,7,8", TestData.string("""
                SELECT string_agg(payload->'payload'->>'count', ',' ORDER BY id) FROM outbox
                WHERE event_type = 'reaction.added' AND payload->'payload'->>'message_id' = ?""", id),
                "each event carries the count after it, one after another");
    }

    @Test
    void refusalsHaveTheirCodesAndWriteNothing() {
        String id = post(team.aliceSubject(), team.general(), "hello", null);
        String deleted = post(team.aliceSubject(), team.general(), "gone", null);
        as(team.aliceSubject()).delete("/api/messages/" + deleted).then().statusCode(204);
        UUID old = TestData.channel(team.workspace(), "old", "public");
        String archived = post(team.aliceSubject(), old, "old news", null);
        as(team.aliceSubject()).post("/api/channels/" + old + "/archive").then().statusCode(200);
        String secret = post(team.carolSubject(), team.leadership(), "between us", null);

        String before = fingerprint();
        for (String bad : List.of("thumbsup", "👍 👍", ":Thumbs Up:", "ok", "a".repeat(70))) {
            react(team.bobSubject(), id, bad).then().statusCode(400).body("code", equalTo("validation_failed"));
        }
        react(team.bobSubject(), UUID.randomUUID().toString(), THUMBS_UP).then().statusCode(404);
        react(team.bobSubject(), deleted, THUMBS_UP).then().statusCode(404).body("code", equalTo("not_found"));
        react(team.bobSubject(), archived, THUMBS_UP).then().statusCode(409).body("code", equalTo("channel_archived"));
        react(team.bobSubject(), secret, THUMBS_UP).then().statusCode(404).body("code", equalTo("not_found"));
        assertEquals(before, fingerprint(), "a refused reaction writes nothing");
    }

    @Test
    void aMessageShowsABoundedNumberOfDifferentEmoji() {
        String id = post(team.aliceSubject(), team.general(), "react away", null);
        for (int i = 0; i < Limits.REACTION_EMOJI_PER_MESSAGE; i++) {
            react(team.bobSubject(), id, ":e" + i + ":").then().statusCode(200);
        }
        String before = fingerprint();
        react(team.bobSubject(), id, ":one-too-many:").then().statusCode(409)
                .body("code", equalTo("too_many_reactions"));
        assertEquals(before, fingerprint());
        // An emoji it shows already still takes more people.
        react(team.carolSubject(), id, ":e0:").then().statusCode(200).body("count", equalTo(2));
    }

    private Response react(String subject, String messageId, String emoji) {
        return as(subject).urlEncodingEnabled(false).put("/api/messages/" + messageId + "/reactions/" + encoded(emoji));
    }

    private Response unreact(String subject, String messageId, String emoji) {
        return as(subject).urlEncodingEnabled(false)
                .delete("/api/messages/" + messageId + "/reactions/" + encoded(emoji));
    }

    /** As a client puts an emoji in a path segment (encodeURIComponent), sent as it is. */
    private static String encoded(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String fingerprint() {
        return TestData.string(
                "SELECT (SELECT count(*) FROM message_reactions) || '/' || (SELECT count(*) FROM outbox)");
    }
}
