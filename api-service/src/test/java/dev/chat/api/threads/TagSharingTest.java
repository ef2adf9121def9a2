package dev.chat.api.threads;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.body;
import static dev.chat.api.ApiCalls.post;
import static dev.chat.api.threads.ReplyTest.conversationOf;
import static dev.chat.api.threads.ReplyTest.eventsAbout;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class TagSharingTest {
    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void aTaggedFlatMessageBecomesARootSharedIntoTheTaggedChannel() throws Exception {
        var posted = as(team.aliceSubject()).body(body(team.general(), "deploy at 5, see #Engineering!", null))
                .post("/api/messages").then().statusCode(201)
                .body("conversation_id", notNullValue()).body("reply_to_message_id", nullValue())
                .extract();
        String conversation = posted.path("conversation_id");

        assertEquals(List.of(team.general() + " true", team.engineering() + " false"), channelsOf(conversation));
        List<JsonNode> events = eventsAbout(conversation);
        assertEquals(List.of("conversation.created", "conversation.shared"),
                events.stream().map(e -> e.at("/envelope/type").asText()).toList());
        JsonNode shared = events.get(1);
        assertEquals("[\"channel:" + team.general() + "\",\"channel:" + team.engineering() + "\"]",
                shared.path("rooms").toString());
        assertEquals(team.engineering().toString(), shared.at("/envelope/payload/channel_id").asText());
        assertEquals("[\"" + team.general() + "\",\"" + team.engineering() + "\"]",
                shared.at("/envelope/payload/channel_ids").toString());
        // What #engineering needs to show the thread at once: the root as posted, and its summary (no replies yet).
        JsonNode root = shared.at("/envelope/payload/root_message");
        assertEquals(posted.<String>path("id"), root.path("id").asText());
        assertEquals("deploy at 5, see #Engineering!", root.path("content").asText());
        assertEquals(conversation, root.path("conversation_id").asText());
        assertEquals(team.general().toString(), root.path("channel_id").asText());
        assertEquals(0, shared.at("/envelope/payload/reply_count").asInt());
        assertEquals("null", shared.at("/envelope/payload/last_reply_at").toString());
        assertEquals("[]", shared.at("/envelope/payload/participant_ids").toString());
        for (JsonNode event : events) {
            assertEquals(0, PublishedSchemas.violations("event.json", event.path("envelope")).size(), event.toString());
        }
    }

    @Test
    void aReplyThatSharesTheThreadIsCountedInTheSummaryTheNewChannelReceives() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "incident review at 3", null);
        post(team.bobSubject(), team.general(), "I'll be there", root);
        String conversation = conversationOf(root);
        int before = eventsAbout(conversation).size();

        var reply = as(team.carolSubject()).body(body(team.general(), "looping in #engineering", root))
                .post("/api/messages").then().statusCode(201).extract();

        List<JsonNode> events = eventsAbout(conversation).subList(before, eventsAbout(conversation).size());
        // The reply's summary goes to the channels that already showed the thread; the share, written after it,
        // carries the same summary to every channel, so #engineering needs no conversation.updated of its own.
        assertEquals(List.of("message.created", "conversation.updated", "conversation.shared"),
                events.stream().map(e -> e.at("/envelope/type").asText()).toList());
        assertEquals("[\"channel:" + team.general() + "\"]", events.get(1).path("rooms").toString());
        JsonNode shared = events.get(2);
        assertEquals("[\"channel:" + team.general() + "\",\"channel:" + team.engineering() + "\"]",
                shared.path("rooms").toString());
        JsonNode payload = shared.at("/envelope/payload");
        assertEquals(root, payload.at("/root_message/id").asText());
        assertEquals("incident review at 3", payload.at("/root_message/content").asText());
        assertEquals(2, payload.path("reply_count").asInt());
        assertEquals(events.get(1).at("/envelope/payload/last_reply_at").asText(),
                payload.path("last_reply_at").asText());
        assertEquals(reply.<String>path("created_at"), payload.path("last_reply_at").asText());
        assertEquals("[\"" + team.bob() + "\",\"" + team.carol() + "\"]", payload.path("participant_ids").toString());
        assertEquals(0, PublishedSchemas.violations("event.json", shared.path("envelope")).size(), shared.toString());
    }

    @Test
    void taggingAChannelTwiceChangesNothing() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "release notes for #engineering", null);
        String conversation = conversationOf(root);
        post(team.bobSubject(), team.general(), "also for #engineering and #general", root);

        assertEquals(2, channelsOf(conversation).size());
        assertEquals(1, eventsAbout(conversation).stream()
                .filter(e -> e.at("/envelope/type").asText().equals("conversation.shared")).count());
    }

    @Test
    void tagsThatAreNotSharesStayText() {
        UUID archived = TestData.channel(team.workspace(), "old", "public");
        TestData.update("UPDATE channels SET archived_at = now() WHERE id = ?", archived);
        for (String content : List.of("`#engineering` in code", "https://example.com/#engineering",
                "#nosuchchannel", "#old is archived", "#leadership is private and bob is not in it", "C#engineering")) {
            as(team.bobSubject()).body(body(team.general(), content, null)).post("/api/messages")
                    .then().statusCode(201).body("conversation_id", nullValue());
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM conversations WHERE workspace_id = ?", team.workspace()));
    }

    @Test
    void membersShareIntoTheirPrivateChannelAndOnlyItsRoomHearsOfIt() throws Exception {
        String conversation = as(team.carolSubject()).body(body(team.general(), "FYI #leadership", null))
                .post("/api/messages")
                .then().statusCode(201).extract().path("conversation_id");
        assertEquals(List.of(team.general() + " true", team.leadership() + " false"), channelsOf(conversation));
        JsonNode shared = eventsAbout(conversation).get(1);
        assertEquals("conversation.shared", shared.at("/envelope/type").asText());
        assertEquals("[\"channel:" + team.leadership() + "\"]", shared.path("rooms").toString());

        // Shared on into a public channel: public rooms never see the private channel's id; its own room does.
        post(team.carolSubject(), team.general(), "and #engineering", conversationRoot(conversation));
        List<JsonNode> last = eventsAbout(conversation).stream()
                .filter(e -> e.at("/envelope/type").asText().equals("conversation.shared")).skip(1).toList();
        assertEquals(2, last.size());
        assertEquals("[\"channel:" + team.general() + "\",\"channel:" + team.engineering() + "\"]",
                last.get(0).path("rooms").toString());
        assertEquals("[\"" + team.general() + "\",\"" + team.engineering() + "\"]",
                last.get(0).at("/envelope/payload/channel_ids").toString());
        assertEquals("[\"channel:" + team.leadership() + "\"]", last.get(1).path("rooms").toString());
        assertEquals("[\"" + team.general() + "\",\"" + team.leadership() + "\",\"" + team.engineering() + "\"]",
                last.get(1).at("/envelope/payload/channel_ids").toString());
        for (JsonNode event : last) {
            assertEquals(0, PublishedSchemas.violations("event.json", event.path("envelope")).size(), event.toString());
        }
    }

    private static String conversationRoot(String conversation) {
        return TestData.string("SELECT root_message_id::text FROM conversations WHERE id = ?::uuid", conversation);
    }

    @Test
    void aPrivateChannelsMessagesAreNeverSharedOut() {
        String root = as(team.carolSubject()).body(body(team.leadership(), "offsite plans, cc #general", null))
                .post("/api/messages").then().statusCode(201).body("conversation_id", nullValue())
                .extract().path("id");
        post(team.carolSubject(), team.leadership(), "and #engineering", root);
        assertEquals(List.of(team.leadership() + " true"), channelsOf(conversationOf(root)));
    }

    @Test
    void repliesPostedInAPrivateChannelStayInIt() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "hiring plan draft, cc #leadership", null);
        // alice is not in #leadership, so her tag stays text; carol's reply shares the thread there.
        assertNull(conversationOf(root));
        post(team.carolSubject(), team.general(), "bringing this to #leadership", root);
        String conversation = conversationOf(root);
        assertEquals(List.of(team.general() + " true", team.leadership() + " false"), channelsOf(conversation));
        long before = eventsAbout(conversation).size();

        String secret = as(team.carolSubject()).body(body(team.leadership(), "we can afford two", root))
                .post("/api/messages")
                .then().statusCode(201).body("channel_id", equalTo(team.leadership().toString())).extract().path("id");
        List<JsonNode> afterSecret = eventsAbout(conversation).subList((int) before, eventsAbout(conversation).size());
        assertEquals(List.of("message.created", "conversation.updated"),
                afterSecret.stream().map(e -> e.at("/envelope/type").asText()).toList());
        assertEquals("[\"channel:" + team.leadership() + "\"]", afterSecret.get(0).path("rooms").toString());
        assertEquals("[\"channel:" + team.leadership() + "\"]", afterSecret.get(1).path("rooms").toString());
        assertEquals(2, afterSecret.get(1).at("/envelope/payload/reply_count").asInt());
        assertEquals(1, TestData.count("SELECT reply_count FROM conversations WHERE id = ?::uuid", conversation));

        // An open reply: #general shows the open count, #leadership its own count including the restricted reply.
        post(team.bobSubject(), team.general(), "sounds good", root);
        List<JsonNode> updates = eventsAbout(conversation).stream()
                .filter(e -> e.at("/envelope/type").asText().equals("conversation.updated")).toList();
        List<JsonNode> lastTwo = updates.subList(updates.size() - 2, updates.size());
        for (JsonNode update : lastTwo) {
            String room = update.path("rooms").get(0).asText();
            int expected = room.equals("channel:" + team.leadership()) ? 3 : 2;
            assertEquals(expected, update.at("/envelope/payload/reply_count").asInt(), update.toString());
            assertEquals(1, update.path("rooms").size());
        }

        // Shared on into #engineering by an open reply: public rooms are told the open count, #leadership its own.
        post(team.bobSubject(), team.general(), "cc #engineering", root);
        List<JsonNode> shares = eventsAbout(conversation).stream()
                .filter(e -> e.at("/envelope/type").asText().equals("conversation.shared")).toList();
        JsonNode toPublic = shares.get(shares.size() - 2);
        JsonNode toLeadership = shares.get(shares.size() - 1);
        assertEquals("[\"channel:" + team.general() + "\",\"channel:" + team.engineering() + "\"]",
                toPublic.path("rooms").toString());
        assertEquals(3, toPublic.at("/envelope/payload/reply_count").asInt());
        assertEquals("[\"channel:" + team.leadership() + "\"]", toLeadership.path("rooms").toString());
        assertEquals(4, toLeadership.at("/envelope/payload/reply_count").asInt());

        // bob cannot read the restricted reply, so he cannot answer it either.
        as(team.bobSubject()).body(body(team.general(), "what was that?", secret)).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertNotNull(TestData.string("SELECT id::text FROM messages WHERE id = ?::uuid", secret));
        assertNull(TestData.string("SELECT id::text FROM messages WHERE reply_to_message_id = ?::uuid", secret));
    }

    private static List<String> channelsOf(String conversation) {
        String rows = TestData.string("""
                SELECT string_agg(channel_id || ' ' || is_primary, ',' ORDER BY is_primary DESC, created_at)
                FROM conversation_channels WHERE conversation_id = ?::uuid
                """, conversation);
        return rows == null ? List.of() : List.of(rows.split(","));
    }
}
