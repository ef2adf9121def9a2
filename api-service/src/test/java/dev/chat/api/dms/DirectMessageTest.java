package dev.chat.api.dms;

import static dev.chat.api.ApiCalls.as;
import static dev.chat.api.ApiCalls.post;
import static org.hamcrest.Matchers.equalTo;
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
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct messages: one per set of people, race-safe, read and heard only by their people, never a channel. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class DirectMessageTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void openingMakesOneDmPerSetOfPeopleAndTellsEachOfThem() throws Exception {
        long mark = OutboxEvents.mark();
        Response created = open(team.aliceSubject(), team.bob());
        created.then().statusCode(201).body("kind", equalTo("dm"));
        String id = created.path("id");
        assertEquals(sorted(team.alice(), team.bob()), created.path("member_ids"));

        // The same people, whoever opens it and however they are named, is the same DM.
        open(team.bobSubject(), team.alice(), team.bob(), team.alice()).then().statusCode(200)
                .body("id", equalTo(id));
        open(team.aliceSubject(), team.bob(), team.carol()).then().statusCode(201);

        List<JsonNode> events = OutboxEvents.after(team.workspace(), mark, "dm.created");
        assertEquals(2, events.size(), "one event per DM made, none for opening one again");
        assertEquals(sorted(team.alice(), team.bob()).stream().map(p -> "user:" + p).toList(),
                texts(events.get(0).path("rooms")));
        assertEquals(id, events.get(0).at("/envelope/payload/id").asText());
        assertTrue(events.get(0).at("/envelope/payload/unread_count").isMissingNode());
    }

    @Test
    void concurrentOpeningsOfTheSameSetMakeOneDm() throws Exception {
        List<Response> answers = Concurrently.run(10, () -> open(team.aliceSubject(), team.bob(), team.carol()));
        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(9, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertEquals(1, answers.stream().map(a -> a.<String>path("id")).distinct().count());
        assertEquals(1, TestData.count("SELECT count(*) FROM channels WHERE workspace_id = ? AND kind = 'dm'",
                team.workspace()));
        assertEquals(3, TestData.count("SELECT count(*) FROM channel_members cm JOIN channels c ON c.id = cm.channel_id"
                + " WHERE c.workspace_id = ? AND c.kind = 'dm'", team.workspace()));
    }

    @Test
    void onlyItsPeopleReadItAndItIsNeverAChannel() {
        UUID dm = UUID.fromString(open(team.aliceSubject(), team.bob()).path("id"));
        String hello = post(team.aliceSubject(), dm, "hello <@" + team.bob() + ">", null);
        post(team.bobSubject(), dm, "hi", hello);

        as(team.bobSubject()).get("/api/channels/" + dm + "/messages").then().statusCode(200)
                .body("items[0].id", equalTo(hello)).body("items[0].reply_count", equalTo(1));
        as(team.carolSubject()).get("/api/channels/" + dm + "/messages").then().statusCode(404);
        as(team.carolSubject()).body(Map.of("channel_id", dm, "content", "let me in")).post("/api/messages")
                .then().statusCode(404);
        as(team.carolSubject()).put("/api/messages/" + hello + "/reactions/👍").then().statusCode(404);

        // Its people list it, with what they have not read; nobody lists it among channels.
        List<Map<String, Object>> bobs = dms(team.bobSubject());
        assertEquals(1, bobs.size());
        assertEquals(dm.toString(), bobs.get(0).get("id"));
        assertEquals(1, bobs.get(0).get("unread_count"));
        assertEquals(1, bobs.get(0).get("mention_count"));
        assertEquals(List.of(), dms(team.carolSubject()));
        for (String subject : List.of(team.aliceSubject(), team.bobSubject(), team.carolSubject())) {
            List<String> channels = as(subject).get("/api/workspaces/" + team.workspace() + "/channels")
                    .then().statusCode(200).extract().path("id");
            assertFalse(channels.contains(dm.toString()), "listed among channels");
        }
        as(team.bobSubject()).body(Map.of("message_id", hello)).post("/api/channels/" + dm + "/read")
                .then().statusCode(204);
        assertEquals(0, dms(team.bobSubject()).get(0).get("unread_count"));

        // What is a channel's alone a DM has not, even for its people.
        for (String path : List.of("/join", "/leave", "/archive")) {
            as(team.aliceSubject()).post("/api/channels/" + dm + path).then().statusCode(404)
                    .body("code", equalTo("not_found"));
        }
        as(team.aliceSubject()).get("/api/channels/" + dm).then().statusCode(404);
        as(team.aliceSubject()).body(Map.of("user_id", team.carol())).post("/api/channels/" + dm + "/members")
                .then().statusCode(404);
        as(team.aliceSubject()).body(Map.of("topic", "ours")).patch("/api/channels/" + dm).then().statusCode(404);
    }

    @Test
    void theLatestWrittenInComesFirst() {
        UUID withBob = UUID.fromString(open(team.aliceSubject(), team.bob()).path("id"));
        UUID withCarol = UUID.fromString(open(team.aliceSubject(), team.carol()).path("id"));
        assertEquals(List.of(withCarol.toString(), withBob.toString()), ids(dms(team.aliceSubject())));
        post(team.bobSubject(), withBob, "news", null);
        assertEquals(List.of(withBob.toString(), withCarol.toString()), ids(dms(team.aliceSubject())));
    }

    @Test
    void tagsNeverShareADmsMessagesElsewhere() {
        UUID dm = UUID.fromString(open(team.aliceSubject(), team.bob()).path("id"));
        String root = post(team.aliceSubject(), dm, "see #engineering", null);
        post(team.bobSubject(), dm, "also #general", root);
        for (UUID channel : List.of(team.engineering(), team.general())) {
            as(team.aliceSubject()).get("/api/channels/" + channel + "/messages").then().statusCode(200)
                    .body("items.size()", equalTo(0));
        }
        assertEquals(0, TestData.count("""
                SELECT count(*) FROM conversation_channels cc JOIN conversations c ON c.id = cc.conversation_id
                WHERE c.root_message_id = ?::uuid AND NOT cc.is_primary""", root));
    }

    @Test
    void aRemovedMemberStopsReadingButStaysOneOfItsPeople() {
        UUID dm = UUID.fromString(open(team.aliceSubject(), team.bob()).path("id"));
        post(team.aliceSubject(), dm, "before", null);
        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + team.bob())
                .then().statusCode(204);
        as(team.bobSubject()).get("/api/channels/" + dm + "/messages").then().statusCode(404);
        assertEquals(List.of(sorted(team.alice(), team.bob())),
                dms(team.aliceSubject()).stream().map(d -> d.get("member_ids")).toList());
        // Opening it again needs everyone active.
        open(team.aliceSubject(), team.bob()).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void refusalsHaveTheirCodesAndWriteNothing() {
        String invitedSubject = TestData.newSubject("invited");
        UUID invited = TestData.user(invitedSubject);
        TestData.invitedMember(team.workspace(), invited);
        UUID stranger = TestData.user(TestData.newSubject("stranger"));
        List<UUID> nine = Stream.generate(UUID::randomUUID).limit(9).toList();
        String before = fingerprint();

        for (Object body : List.of(Map.of(), Map.of("user_ids", List.of()), Map.of("user_ids", List.of(team.alice())),
                Map.of("user_ids", nine), Map.of("user_ids", "bob"))) {
            as(team.aliceSubject()).body(body).post(dms()).then().statusCode(400)
                    .body("code", equalTo("validation_failed"));
        }
        as(team.aliceSubject()).body("{\"user_ids\": [null]}").post(dms()).then().statusCode(400);
        open(team.aliceSubject(), team.bob(), stranger).then().statusCode(404).body("code", equalTo("not_found"))
                .body("user_ids", equalTo(List.of(stranger.toString())));
        open(team.aliceSubject(), invited).then().statusCode(409).body("code", equalTo("member_not_active"))
                .body("user_ids", equalTo(List.of(invited.toString())));
        open(invitedSubject, team.alice()).then().statusCode(403).body("code", equalTo("invite_pending"));
        assertEquals(before, fingerprint());
    }

    private String dms() {
        return "/api/workspaces/" + team.workspace() + "/dms";
    }

    private Response open(String subject, UUID... others) {
        return as(subject).body(Map.of("user_ids", List.of(others))).post(dms());
    }

    private List<Map<String, Object>> dms(String subject) {
        return as(subject).get(dms()).then().statusCode(200).extract().path("");
    }

    private static List<Object> ids(List<Map<String, Object>> dms) {
        return dms.stream().map(d -> d.get("id")).toList();
    }

    /** PostgreSQL orders uuids as their lowercase text sorts. */
    private static List<String> sorted(UUID... people) {
        return Stream.of(people).map(UUID::toString).sorted().toList();
    }

    private static List<String> texts(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asText()).toList();
    }

    private static String fingerprint() {
        return TestData.string("SELECT (SELECT count(*) FROM channels) || '/' || (SELECT count(*) FROM channel_members)"
                + " || '/' || (SELECT count(*) FROM outbox)");
    }
}
