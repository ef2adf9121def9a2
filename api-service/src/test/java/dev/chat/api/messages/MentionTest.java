package dev.chat.api.messages;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.body;
import static dev.chat.api.ApiCalls.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.api.OutboxEvents;
import dev.chat.api.Team;
import dev.chat.model.Limits;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mentions: who is told, in their own room, once per message; never someone who cannot read it; <!channel> bounded. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class MentionTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void aMentionedMemberIsToldInTheirOwnRoom() throws Exception {
        long mark = OutboxEvents.mark();
        String id = post(team.aliceSubject(), team.general(), "<@" + team.bob() + "> can you review?", null);

        List<JsonNode> mentions = OutboxEvents.after(team.workspace(), mark, "mention.created");
        assertEquals(1, mentions.size());
        assertEquals("[\"user:" + team.bob() + "\"]", mentions.get(0).path("rooms").toString());
        JsonNode payload = mentions.get(0).at("/envelope/payload");
        assertEquals(id, payload.at("/message/id").asText());
        assertEquals(team.general().toString(), payload.path("channel_id").asText());
        assertTrue(payload.path("conversation_id").isNull());
        assertEquals(1, TestData.count("SELECT count(*) FROM message_mentions WHERE message_id = ?::uuid", id));
    }

    @Test
    void nobodyWhoCannotReadTheMessageIsToldOrRecorded() throws Exception {
        String outsider = TestData.newSubject("outsider");
        UUID outsiderId = TestData.user(outsider);
        TestData.activeMember(TestData.workspace(), outsiderId, "admin");
        long mark = OutboxEvents.mark();

        // Bob is not in #leadership; the outsider is in another workspace; nobody is told of their own mention.
        String secret = post(team.carolSubject(), team.leadership(),
                "<@" + team.bob() + "> <@" + outsiderId + "> <@" + team.carol() + "> the budget", null);
        // A reply restricted to #leadership is not Bob's to read either, though the thread is.
        String root = post(team.carolSubject(), team.general(), "plans, cc #leadership", null);
        post(team.carolSubject(), team.leadership(), "<@" + team.bob() + "> between us", root);

        assertEquals(List.of(), OutboxEvents.after(team.workspace(), mark, "mention.created"));
        assertEquals(0, TestData.count(
                "SELECT count(*) FROM message_mentions WHERE message_id = ?::uuid OR user_id = ?::uuid",
                secret, team.bob().toString()));
    }

    @Test
    void anEditTellsOnlyThoseItNewlyMentions() throws Exception {
        String id = post(team.aliceSubject(), team.general(), "<@" + team.bob() + "> lunch?", null);
        long mark = OutboxEvents.mark();
        as(team.aliceSubject()).body(Map.of("content", "<@" + team.bob() + "> <@" + team.carol() + "> lunch?"))
                .patch("/api/messages/" + id).then().statusCode(200);
        as(team.aliceSubject()).body(Map.of("content", "<@" + team.carol() + "> <@" + team.bob() + "> lunch at 1?"))
                .patch("/api/messages/" + id).then().statusCode(200);

        List<JsonNode> mentions = OutboxEvents.after(team.workspace(), mark, "mention.created");
        assertEquals(1, mentions.size());
        assertEquals("[\"user:" + team.carol() + "\"]", mentions.get(0).path("rooms").toString());
    }

    @Test
    void anEditThatRemovesAMentionForgetsIt() {
        TestData.channelMember(team.general(), team.bob());
        TestData.channelMember(team.general(), team.carol());
        String named = post(team.aliceSubject(), team.general(), "<@" + team.bob() + "> <@" + team.carol() + "> hi",
                null);
        String everyone = post(team.aliceSubject(), team.general(), "<!channel> standup", null);
        assertEquals(2, mentionCount(team.bobSubject()));

        as(team.aliceSubject()).body(Map.of("content", "<@" + team.carol() + "> hi")).patch("/api/messages/" + named)
                .then().statusCode(200);
        as(team.aliceSubject()).body(Map.of("content", "standup")).patch("/api/messages/" + everyone)
                .then().statusCode(200);
        assertEquals(0, mentionCount(team.bobSubject()));
        assertEquals(1, mentionCount(team.carolSubject()));
        assertEquals(1, TestData.count("SELECT count(*) FROM message_mentions WHERE message_id IN (?::uuid, ?::uuid)",
                named, everyone));
    }

    private int mentionCount(String subject) {
        List<Map<String, Object>> channels = as(subject).get("/api/workspaces/" + team.workspace() + "/channels")
                .then().statusCode(200).extract().path("");
        return (Integer) channels.stream().filter(c -> c.get("id").equals(team.general().toString())).findFirst()
                .orElseThrow().get("mention_count");
    }

    @Test
    void theWholeChannelIsToldOnceAMinuteAtMost() throws Exception {
        TestData.channelMember(team.general(), team.alice());
        TestData.channelMember(team.general(), team.bob());
        TestData.channelMember(team.general(), team.carol());
        long mark = OutboxEvents.mark();
        post(team.aliceSubject(), team.general(), "<!channel> standup in 5", null);
        List<JsonNode> mentions = OutboxEvents.after(team.workspace(), mark, "mention.created");
        assertEquals(1, mentions.size());
        List<String> everyoneButAlice = Stream.of(team.bob(), team.carol()).sorted().map(u -> "user:" + u).toList();
        List<String> rooms = new ArrayList<>();
        mentions.get(0).path("rooms").forEach(room -> rooms.add(room.asText()));
        assertEquals(everyoneButAlice, rooms);

        String before = fingerprint();
        as(team.aliceSubject()).body(body(team.general(), "<!channel> again!", null)).post("/api/messages")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("rate_limited"));
        assertEquals(before, fingerprint(), "a refused post writes nothing");
        // Someone else may, and the author may post without it.
        post(team.bobSubject(), team.general(), "<!channel> me too", null);
        post(team.aliceSubject(), team.general(), "and without a mention", null);
    }

    @Test
    void aChannelTooLargeIsNotMentionedWhole() {
        TestData.update("""
                WITH bulk AS (
                    INSERT INTO users (id, idp_subject)
                    SELECT gen_random_uuid(), 'bulk-' || gen_random_uuid() FROM generate_series(1, ?)
                    RETURNING id
                )
                INSERT INTO channel_members (channel_id, user_id) SELECT ?::uuid, id FROM bulk
                """, Limits.CHANNEL_MENTION_MAX_MEMBERS + 1, team.general().toString());
        String before = fingerprint();
        as(team.aliceSubject()).body(body(team.general(), "<!channel> hello all", null)).post("/api/messages")
                .then().statusCode(409).body("code", equalTo("channel_too_large"));
        assertEquals(before, fingerprint());
    }

    private String fingerprint() {
        return TestData.string("""
                SELECT (SELECT count(*) FROM messages) || '/' || (SELECT count(*) FROM outbox) || '/'
                    || (SELECT count(*) FROM message_mentions)""");
    }
}
