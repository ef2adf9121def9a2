package dev.chat.api.channels;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read positions and unread counts of channels and threads: forward only, told to the reader's other devices, bounded
 * however long.
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class UnreadTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
        TestData.channelMember(team.general(), team.alice());
        TestData.channelMember(team.general(), team.bob());
    }

    @Test
    void unreadCountsFollowTheReadPositionAndTheReadersOtherDevicesHearOfIt() throws Exception {
        String first = post(team.aliceSubject(), team.general(), "one", null);
        String second = post(team.aliceSubject(), team.general(), "two <@" + team.bob() + ">", null);
        post(team.aliceSubject(), team.general(), "three <@" + team.bob() + ">", null);
        post(team.bobSubject(), team.general(), "my own", null);
        assertEquals(Map.of("unread_count", 3, "mention_count", 2), counts(team.bobSubject(), team.general()));
        assertEquals(null, general(team.bobSubject()).get("last_read_message_id"));

        long mark = OutboxEvents.mark();
        markRead(team.bobSubject(), team.general(), second).then().statusCode(204);
        assertEquals(Map.of("unread_count", 1, "mention_count", 1), counts(team.bobSubject(), team.general()));
        assertEquals(second, general(team.bobSubject()).get("last_read_message_id"));

        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "channel.read");
        assertEquals(1, events.size());
        assertEquals("[\"user:" + team.bob() + "\"]", events.get(0).path("rooms").toString());
        assertEquals(1, events.get(0).at("/envelope/payload/unread_count").asInt());
        assertEquals(second, events.get(0).at("/envelope/payload/last_read_message_id").asText());

        // Backwards, or the same place again: nothing moves and nothing is told.
        mark = OutboxEvents.mark();
        markRead(team.bobSubject(), team.general(), first).then().statusCode(204);
        markRead(team.bobSubject(), team.general(), second).then().statusCode(204);
        assertEquals(second, general(team.bobSubject()).get("last_read_message_id"));
        assertEquals(List.of(), OutboxEvents.after(team.workspace(), mark, "channel.read"));
    }

    @Test
    void deletedMessagesAndThoseBeforeJoiningAreNotUnread() throws Exception {
        post(team.aliceSubject(), team.general(), "before carol joined", null);
        Thread.sleep(5); // ids are time-ordered to the millisecond: joining comes strictly after
        TestData.channelMember(team.general(), team.carol());
        post(team.aliceSubject(), team.general(), "after", null);
        String gone = post(team.aliceSubject(), team.general(), "deleted <@" + team.carol() + ">", null);
        as(team.aliceSubject()).delete("/api/messages/" + gone).then().statusCode(204);
        assertEquals(Map.of("unread_count", 1, "mention_count", 0), counts(team.carolSubject(), team.general()));
        // A public channel one is not in counts nothing.
        post(team.aliceSubject(), team.engineering(), "engineering news", null);
        assertEquals(Map.of("unread_count", 0, "mention_count", 0), counts(team.carolSubject(), team.engineering()));
    }

    @Test
    void countingStopsAtItsBound() {
        TestData.update("""
                INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at)
                SELECT uuid7_floor(now() + g * interval '1 millisecond'), ?::uuid, ?::uuid, ?::uuid, 'bulk', now()
                FROM generate_series(1, ?) g
                """, team.workspace().toString(), team.general().toString(), team.alice().toString(),
                Limits.UNREAD_COUNTED + 50);
        TestData.update("UPDATE channel_members SET created_at = now() - interval '1 day' WHERE channel_id = ?::uuid",
                team.general().toString());
        assertEquals(Limits.UNREAD_COUNTED, counts(team.bobSubject(), team.general()).get("unread_count"));
    }

    @Test
    void concurrentMarksLeaveTheFurthestPosition() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(post(team.aliceSubject(), team.general(), "m" + i, null));
        }
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled);
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(10, () -> markRead(team.bobSubject(), team.general(),
                shuffled.get(next.getAndIncrement())).then().extract().statusCode());
        assertEquals(List.of(204), statuses.stream().distinct().toList());
        assertEquals(ids.get(9), general(team.bobSubject()).get("last_read_message_id"), "the newest, posted last");
        assertEquals(0, counts(team.bobSubject(), team.general()).get("unread_count"));
    }

    @Test
    void refusalsHaveTheirCodesAndWriteNothing() {
        String elsewhere = post(team.aliceSubject(), team.engineering(), "not in general", null);
        String secret = post(team.carolSubject(), team.leadership(), "secret", null);
        String before = fingerprint();
        markRead(team.bobSubject(), team.general(), elsewhere).then().statusCode(404)
                .body("code", equalTo("not_found"));
        markRead(team.bobSubject(), team.general(), UUID.randomUUID().toString()).then().statusCode(404);
        markRead(team.bobSubject(), team.leadership(), secret).then().statusCode(404)
                .body("code", equalTo("not_found"));
        as(team.bobSubject()).body(Map.of()).post("/api/channels/" + team.general() + "/read")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        assertEquals(before, fingerprint());
    }

    @Test
    void aThreadIsReadUpToTheLaterOfItsMarkAndTheReadersOwnLatestReply() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "root", null);
        String first = post(team.bobSubject(), team.general(), "one", root);
        String second = post(team.bobSubject(), team.general(), "two", root);
        String conversation = TestData.conversationOf(root);
        assertEquals(2, thread(team.aliceSubject(), conversation).get("unread_count"), "her own root is read");
        assertEquals(null, thread(team.aliceSubject(), conversation).get("last_read_message_id"));
        assertEquals(0, thread(team.bobSubject(), conversation).get("unread_count"), "his own replies are read");

        long mark = OutboxEvents.mark();
        markThreadRead(team.aliceSubject(), conversation, first).then().statusCode(204);
        assertEquals(1, thread(team.aliceSubject(), conversation).get("unread_count"));
        assertEquals(first, thread(team.aliceSubject(), conversation).get("last_read_message_id"));
        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "conversation.read");
        assertEquals(1, events.size());
        assertEquals("[\"user:" + team.alice() + "\"]", events.get(0).path("rooms").toString());
        assertEquals(1, events.get(0).at("/envelope/payload/unread_count").asInt());

        // Writing in a thread reads it; marking backwards moves nothing and tells nobody.
        post(team.aliceSubject(), team.general(), "three", root);
        assertEquals(0, thread(team.aliceSubject(), conversation).get("unread_count"));
        assertEquals(1, thread(team.bobSubject(), conversation).get("unread_count"));
        mark = OutboxEvents.mark();
        markThreadRead(team.aliceSubject(), conversation, root).then().statusCode(204);
        assertEquals(first, thread(team.aliceSubject(), conversation).get("last_read_message_id"));
        assertEquals(List.of(), OutboxEvents.after(team.workspace(), mark, "conversation.read"));
        markThreadRead(team.aliceSubject(), conversation, second).then().statusCode(204);
        assertEquals(second, thread(team.aliceSubject(), conversation).get("last_read_message_id"));
    }

    @Test
    void concurrentThreadMarksLeaveTheFurthestPosition() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "root", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(post(team.aliceSubject(), team.general(), "r" + i, root));
        }
        String conversation = TestData.conversationOf(root);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled);
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Concurrently.run(10, () -> markThreadRead(team.bobSubject(), conversation,
                shuffled.get(next.getAndIncrement())).then().extract().statusCode());
        assertEquals(List.of(204), statuses.stream().distinct().toList());
        assertEquals(ids.get(9), thread(team.bobSubject(), conversation).get("last_read_message_id"));
        assertEquals(0, thread(team.bobSubject(), conversation).get("unread_count"));
    }

    @Test
    void threadMarkRefusalsHaveTheirCodesAndWriteNothing() {
        String root = post(team.aliceSubject(), team.general(), "root", null);
        post(team.bobSubject(), team.general(), "reply", root);
        String conversation = TestData.conversationOf(root);
        String otherRoot = post(team.aliceSubject(), team.general(), "another", null);
        post(team.bobSubject(), team.general(), "reply", otherRoot);
        String secretRoot = post(team.carolSubject(), team.leadership(), "secret", null);
        post(team.carolSubject(), team.leadership(), "reply", secretRoot);
        String before = TestData.string(
                "SELECT (SELECT count(*) FROM conversation_reads) || '/' || (SELECT count(*) FROM outbox)");
        markThreadRead(team.bobSubject(), conversation, otherRoot).then().statusCode(404)
                .body("code", equalTo("not_found"));
        markThreadRead(team.bobSubject(), UUID.randomUUID().toString(), root).then().statusCode(404);
        markThreadRead(team.bobSubject(), TestData.conversationOf(secretRoot), secretRoot).then().statusCode(404);
        as(team.bobSubject()).body(Map.of()).post("/api/conversations/" + conversation + "/read")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        assertEquals(before, TestData.string(
                "SELECT (SELECT count(*) FROM conversation_reads) || '/' || (SELECT count(*) FROM outbox)"));
    }

    private static Response markThreadRead(String subject, String conversation, String messageId) {
        return as(subject).body(Map.of("message_id", messageId)).post("/api/conversations/" + conversation + "/read");
    }

    private static Map<String, Object> thread(String subject, String conversation) {
        return as(subject).get("/api/conversations/" + conversation).then().statusCode(200).extract().path("");
    }

    private static Response markRead(String subject, UUID channel, String messageId) {
        return as(subject).body(Map.of("message_id", messageId)).post("/api/channels/" + channel + "/read");
    }

    private Map<String, Object> general(String subject) {
        return channel(subject, team.general());
    }

    private Map<String, Object> channel(String subject, UUID channel) {
        List<Map<String, Object>> channels = as(subject).get("/api/workspaces/" + team.workspace() + "/channels")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return channels.stream().filter(c -> c.get("id").equals(channel.toString())).findFirst().orElseThrow();
    }

    private Map<String, Object> counts(String subject, UUID channel) {
        Map<String, Object> listed = channel(subject, channel);
        return Map.of("unread_count", listed.get("unread_count"), "mention_count", listed.get("mention_count"));
    }

    private String fingerprint() {
        return TestData.string("SELECT (SELECT count(*) FROM channel_reads) || '/' || (SELECT count(*) FROM outbox)");
    }
}
