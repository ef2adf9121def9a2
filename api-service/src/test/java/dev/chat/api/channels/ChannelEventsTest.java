package dev.chat.api.channels;

import static dev.chat.api.ApiCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every channel change writes its event, to the rooms of those who may see it (docs/protocol.md, "Events"). */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class ChannelEventsTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void publicChannelChangesGoToTheWorkspaceAndMembershipToTheChannelAndTheMember() {
        String id = as(team.bobSubject()).body(Map.of("name", "Launch", "topic", "T-10"))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(201).extract().path("id");
        as(team.bobSubject()).body(Map.of("topic", "T-5")).patch("/api/channels/" + id).then().statusCode(200);
        as(team.carolSubject()).post("/api/channels/" + id + "/join").then().statusCode(200);
        as(team.carolSubject()).post("/api/channels/" + id + "/join").then().statusCode(200);
        as(team.carolSubject()).post("/api/channels/" + id + "/leave").then().statusCode(204);
        as(team.aliceSubject()).post("/api/channels/" + id + "/archive").then().statusCode(200);

        String workspace = "workspace:" + team.workspace();
        assertEquals(List.of(
                "channel.created " + workspace,
                "channel.updated " + workspace,
                "channel.member_joined channel:" + id + ",user:" + team.carol(),
                "channel.member_left channel:" + id + ",user:" + team.carol(),
                "channel.updated " + workspace), events());
        assertEquals("T-5", TestData.string("SELECT payload->'payload'->>'topic' FROM outbox WHERE workspace_id = ? "
                + "AND event_type = 'channel.updated' ORDER BY id LIMIT 1", team.workspace()));
        assertEquals(team.carol() + " " + team.carol(), TestData.string("""
                SELECT (payload->'payload'->>'user_id') || ' ' || (payload->'payload'->>'by_user_id') FROM outbox
                WHERE workspace_id = ? AND event_type = 'channel.member_joined'
                """, team.workspace()));
    }

    @Test
    void privateChannelChangesStayWithItsMembers() {
        String id = as(team.carolSubject()).body(Map.of("name", "board", "visibility", "private"))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(201).extract().path("id");
        as(team.carolSubject()).body(Map.of("topic", "quiet")).patch("/api/channels/" + id).then().statusCode(200);
        as(team.carolSubject()).body(Map.of("user_id", team.bob())).post("/api/channels/" + id + "/members")
                .then().statusCode(204);
        as(team.aliceSubject()).delete("/api/channels/" + id + "/members/" + team.bob()).then().statusCode(204);
        as(team.aliceSubject()).delete("/api/channels/" + id + "/members/" + team.bob()).then().statusCode(204);

        assertEquals(List.of(
                "channel.created user:" + team.carol(),
                "channel.updated channel:" + id,
                "channel.member_joined channel:" + id + ",user:" + team.bob(),
                "channel.member_left channel:" + id + ",user:" + team.bob()), events());
        assertEquals(team.bob() + " " + team.alice(), TestData.string("""
                SELECT (payload->'payload'->>'user_id') || ' ' || (payload->'payload'->>'by_user_id') FROM outbox
                WHERE workspace_id = ? AND event_type = 'channel.member_left'
                """, team.workspace()));
    }

    @Test
    void refusedChannelChangesWriteNoEvent() {
        as(team.bobSubject()).body(Map.of("topic", "nope")).patch("/api/channels/" + team.engineering())
                .then().statusCode(403);
        as(team.bobSubject()).post("/api/channels/" + team.engineering() + "/archive").then().statusCode(403);
        as(team.bobSubject()).post("/api/channels/" + team.leadership() + "/join").then().statusCode(404);
        as(team.bobSubject()).body(Map.of("name", "")).post("/api/workspaces/" + team.workspace() + "/channels")
                .then().statusCode(400);
        assertEquals(List.of(), events());
    }

    /** The workspace's events in order, as "type room,room". */
    private List<String> events() {
        String all = TestData.string("""
                SELECT coalesce(string_agg(event_type || ' ' || array_to_string(rooms, ','), ';' ORDER BY id), '')
                FROM outbox WHERE workspace_id = ?
                """, team.workspace());
        return all.isEmpty() ? List.of() : List.of(all.split(";"));
    }
}
