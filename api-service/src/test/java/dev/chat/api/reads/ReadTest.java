package dev.chat.api.reads;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.body;
import static dev.chat.api.ApiCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class ReadTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void requestsAreMeasuredByRouteTemplateNotByPath() {
        as(team.aliceSubject()).get("/api/channels/" + team.general() + "/messages").then().statusCode(200);
        as(team.aliceSubject()).get("/api/channels/" + UUID.randomUUID() + "/messages").then().statusCode(404);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // One series per route and status, whatever the ids: the label set stays bounded.
        assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
                + "status=\"200\",uri=\"/api/channels/{id}/messages\"}"), metrics);
        assertTrue(metrics.contains("status=\"404\",uri=\"/api/channels/{id}/messages\""), metrics);
        assertTrue(!metrics.contains(team.general().toString()), "no id in any label");
    }

    @Test
    void aTimelineListsFlatMessagesAndRootsNewestFirstWithTheirThreadSummaries() throws Exception {
        String flat = post(team.aliceSubject(), team.general(), "flat one", null);
        String root = post(team.aliceSubject(), team.general(), "root", null);
        post(team.bobSubject(), team.general(), "reply 1", root);
        post(team.carolSubject(), team.general(), "reply 2", root);
        String latest = post(team.bobSubject(), team.general(), "latest", null);
        String sharedRoot = post(team.carolSubject(), team.leadership(), "private root", null);

        JsonNode page = timeline(team.aliceSubject(), team.general(), null, null);
        assertEquals(List.of(latest, root, flat), ids(page));
        JsonNode thread = page.path("items").get(1);
        assertEquals(2, thread.path("reply_count").asInt());
        assertEquals("[\"" + team.bob() + "\",\"" + team.carol() + "\"]", thread.path("participant_ids").toString());
        assertTrue(thread.path("last_reply_at").isTextual());
        assertEquals(0, page.path("items").get(0).path("reply_count").asInt());
        assertTrue(page.path("items").get(0).path("conversation_id").isNull());
        assertTrue(page.path("next_cursor").isNull());
        assertTrue(!ids(page).contains(sharedRoot));
    }

    @Test
    void aConversationSharedIntoAChannelAppearsThereWhenItWasShared() throws Exception {
        String older = post(team.carolSubject(), team.leadership(), "before the share", null);
        String root = post(team.aliceSubject(), team.general(), "budget thread", null);
        String newer = post(team.carolSubject(), team.leadership(), "after the root, before the share", null);
        post(team.carolSubject(), team.general(), "cc #leadership", root);

        JsonNode page = timeline(team.carolSubject(), team.leadership(), null, null);
        assertEquals(List.of(root, newer, older), ids(page));
        JsonNode shared = page.path("items").get(0);
        assertTrue(shared.path("shared_into_channel").asBoolean());
        assertEquals(team.general().toString(), shared.path("channel_id").asText());
        assertEquals(1, shared.path("reply_count").asInt());
    }

    @Test
    void pagesNeitherRepeatNorSkipWhileMessagesArrive() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(0, post(team.aliceSubject(), team.general(), "m" + i, null));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = timeline(team.bobSubject(), team.general(), cursor, 3);
            seen.addAll(ids(page));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            // Newer than any page: never listed, and never shifts what the next page holds.
            post(team.bobSubject(), team.general(), "arrived during page " + pages, null);
            pages++;
        } while (cursor != null);
        assertEquals(posted, seen);
        assertEquals(3, pages);
    }

    @Test
    void aThreadReadsAsEachReaderMaySeeIt() throws Exception {
        String root = post(team.aliceSubject(), team.general(), "offsite?", null);
        String open1 = post(team.bobSubject(), team.general(), "yes", root);
        post(team.carolSubject(), team.general(), "cc #leadership", root);
        String conversation = TestData.string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid", root);
        String restricted = post(team.carolSubject(), team.leadership(), "budget is tight", root);
        String open2 = post(team.bobSubject(), team.general(), "which week?", root);
        String open1Cc = TestData.string("SELECT id::text FROM messages WHERE conversation_id = ?::uuid "
                + "AND content = 'cc #leadership'", conversation);

        JsonNode forBob = as(team.bobSubject()).get("/api/conversations/" + conversation).then().statusCode(200)
                .extract().as(JsonNode.class);
        assertEquals(root, forBob.path("root_message_id").asText());
        assertEquals("[\"" + team.general() + "\"]", forBob.path("channel_ids").toString());
        assertEquals(3, forBob.path("reply_count").asInt());
        JsonNode forCarol = as(team.carolSubject()).get("/api/conversations/" + conversation).then().statusCode(200)
                .extract().as(JsonNode.class);
        assertEquals("[\"" + team.general() + "\",\"" + team.leadership() + "\"]", forCarol.path("channel_ids").toString());
        assertEquals(4, forCarol.path("reply_count").asInt());

        assertEquals(List.of(open1, open1Cc, open2), replyIds(team.bobSubject(), conversation));
        assertEquals(List.of(open1, open1Cc, restricted, open2), replyIds(team.carolSubject(), conversation));

        JsonNode firstTwo = as(team.carolSubject()).queryParam("limit", 2).get("/api/conversations/" + conversation
                + "/messages").then().statusCode(200).extract().as(JsonNode.class);
        JsonNode rest = as(team.carolSubject()).queryParam("limit", 2).queryParam("cursor", firstTwo.path("next_cursor")
                .asText()).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .extract().as(JsonNode.class);
        assertEquals(List.of(restricted, open2), ids(rest));
        assertTrue(rest.path("next_cursor").isNull());
    }

    @Test
    void readersWithoutAccessLearnNothing() {
        String root = post(team.carolSubject(), team.leadership(), "secret", null);
        post(team.carolSubject(), team.leadership(), "more secret", root);
        String conversation = TestData.string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid", root);
        String invitedSubject = TestData.newSubject("invited");
        TestData.invitedMember(team.workspace(), TestData.user(invitedSubject));

        as(team.bobSubject()).get("/api/channels/" + team.leadership() + "/messages").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
        as(team.bobSubject()).get("/api/channels/" + UUID.randomUUID() + "/messages").then().statusCode(404);
        as(invitedSubject).get("/api/channels/" + team.general() + "/messages").then().statusCode(403)
                .body("code", equalTo("invite_pending"));
        as(team.bobSubject()).get("/api/conversations/" + conversation).then().statusCode(404);
        as(team.bobSubject()).get("/api/conversations/" + conversation + "/messages").then().statusCode(404);
        as(team.bobSubject()).get("/api/conversations/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/channels/" + team.general() + "/messages").then().statusCode(401);
    }

    @Test
    void badPagingParametersAreRefused() {
        List<Map.Entry<String, Object>> bads = List.of(Map.entry("cursor", "not-a-cursor"), Map.entry("cursor", "AAAA"),
                Map.entry("limit", 0), Map.entry("limit", 101));
        for (Map.Entry<String, Object> bad : bads) {
            as(team.aliceSubject()).queryParam(bad.getKey(), bad.getValue())
                    .get("/api/channels/" + team.general() + "/messages")
                    .then().statusCode(400).body("code", equalTo("validation_failed"));
        }
    }

    private List<String> replyIds(String subject, String conversation) {
        JsonNode page = as(subject).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .extract().as(JsonNode.class);
        return ids(page);
    }

    static JsonNode timeline(String subject, UUID channel, String cursor, Integer limit) {
        RequestSpecification request = as(subject);
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        return request.get("/api/channels/" + channel + "/messages").then().statusCode(200)
                .extract().as(JsonNode.class);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
