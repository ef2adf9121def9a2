package dev.chat.api.channels;

import static dev.chat.api.ApiCalls.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class ChannelTest {

    Team team;

    @BeforeEach
    void setUp() {
        team = Team.create();
    }

    @Test
    void eachMemberListsThePublicChannelsAndTheirPrivateOnes() {
        assertEquals(List.of("engineering", "general"), slugsSeenBy(team.aliceSubject()));
        assertEquals(List.of("engineering", "general", "leadership"), slugsSeenBy(team.carolSubject()));

        String stranger = TestData.newSubject("stranger");
        TestData.activeMember(TestData.workspace(), TestData.user(stranger), "admin");
        as(stranger).get("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(404)
                .body("code", equalTo("not_found"));
        String invited = TestData.newSubject("invited");
        TestData.invitedMember(team.workspace(), TestData.user(invited));
        as(invited).get("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(403)
                .body("code", equalTo("invite_pending"));
    }

    @Test
    void creatingAChannelMakesItsCreatorAMemberAndNamesNeverLeakPrivateOnes() {
        String id = as(team.bobSubject()).body(Map.of("name", "Design Reviews", "topic", "Fridays"))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(201)
                .body("slug", equalTo("design-reviews")).body("visibility", equalTo("public"))
                .body("topic", equalTo("Fridays")).body("member", equalTo(true))
                .body("workspace_id", equalTo(team.workspace().toString())).body("created_at", notNullValue())
                .extract().path("id");

        as(team.aliceSubject()).body(Map.of("name", "design reviews")).post("/api/workspaces/" + team.workspace()
                        + "/channels").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("channel_exists")).body("channel_id", equalTo(id));
        // #leadership is private and bob is not in it: his new "Leadership" takes the next slug, and learns nothing.
        as(team.bobSubject()).body(Map.of("name", "Leadership", "visibility", "private"))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(201)
                .body("slug", equalTo("leadership-2")).body("visibility", equalTo("private"));

        long before = channelCount();
        for (Object name : List.of("", " ", "x".repeat(81))) {
            as(team.bobSubject()).body(Map.of("name", name)).post("/api/workspaces/" + team.workspace()
                    + "/channels").then().statusCode(400).body("code", equalTo("validation_failed"));
        }
        as(team.bobSubject()).body(Map.of("name", "ok", "topic", "t".repeat(251)))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(400);
        as(team.bobSubject()).body(Map.of("name", "ok", "visibility", "secret"))
                .post("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(400);
        assertEquals(before, channelCount());
    }

    @Test
    void aPrivateChannelIsInvisibleToNonMembers() {
        as(team.bobSubject()).get("/api/channels/" + team.leadership()).then().statusCode(404);
        as(team.bobSubject()).post("/api/channels/" + team.leadership() + "/join").then().statusCode(404);
        as(team.bobSubject()).body(Map.of("topic", "mine")).patch("/api/channels/" + team.leadership())
                .then().statusCode(404);
        as(team.carolSubject()).get("/api/channels/" + team.leadership()).then().statusCode(200)
                .body("name", equalTo("leadership")).body("member", equalTo(true));
    }

    @Test
    void membersJoinLeaveAndSetTopicsOfOpenChannels() {
        as(team.bobSubject()).body(Map.of("topic", "builds")).patch("/api/channels/" + team.engineering())
                .then().statusCode(403).body("code", equalTo("not_in_channel"));
        as(team.bobSubject()).post("/api/channels/" + team.engineering() + "/join").then().statusCode(200)
                .body("member", equalTo(true));
        as(team.bobSubject()).body(Map.of("topic", "  builds and deploys ")).patch("/api/channels/"
                + team.engineering()).then().statusCode(200).body("topic", equalTo("builds and deploys"));
        as(team.bobSubject()).post("/api/channels/" + team.engineering() + "/leave").then().statusCode(204);
        as(team.bobSubject()).get("/api/channels/" + team.engineering()).then().body("member", equalTo(false));
        as(team.bobSubject()).post("/api/channels/" + team.general() + "/leave").then().statusCode(409)
                .body("code", equalTo("channel_protected"));
    }

    @Test
    void onlyAdminsAndCreatorsArchiveAndArchivedChannelsStayAsTheyAre() {
        String id = as(team.carolSubject()).body(Map.of("name", "launch")).post("/api/workspaces/"
                + team.workspace() + "/channels").then().statusCode(201).extract().path("id");
        as(team.bobSubject()).post("/api/channels/" + id + "/archive").then().statusCode(403);
        as(team.carolSubject()).post("/api/channels/" + id + "/archive").then().statusCode(200)
                .body("archived_at", notNullValue());
        as(team.carolSubject()).body(Map.of("topic", "late")).patch("/api/channels/" + id).then().statusCode(409)
                .body("code", equalTo("channel_archived"));
        as(team.bobSubject()).post("/api/channels/" + id + "/join").then().statusCode(409);
        as(team.aliceSubject()).post("/api/channels/" + team.general() + "/archive").then().statusCode(409)
                .body("code", equalTo("channel_protected"));
        as(team.aliceSubject()).post("/api/channels/" + team.engineering() + "/archive").then().statusCode(200);
    }

    @Test
    void privateMembersAreManagedByTheirMembersAndAdmins() {
        String leadership = "/api/channels/" + team.leadership() + "/members";
        as(team.bobSubject()).body(Map.of("user_id", team.bob())).post(leadership).then().statusCode(404);
        as(team.carolSubject()).body(Map.of("user_id", team.bob())).post(leadership).then().statusCode(204);
        as(team.bobSubject()).get("/api/channels/" + team.leadership()).then().statusCode(200);
        as(team.bobSubject()).delete(leadership + "/" + team.bob()).then().statusCode(204);
        as(team.bobSubject()).get("/api/channels/" + team.leadership()).then().statusCode(404);
        // alice is an admin, not in #leadership: she may manage its members.
        as(team.aliceSubject()).body(Map.of("user_id", team.bob())).post(leadership).then().statusCode(204);

        UUID invitee = TestData.user(TestData.newSubject("invitee"));
        TestData.invitedMember(team.workspace(), invitee);
        as(team.carolSubject()).body(Map.of("user_id", invitee)).post(leadership).then().statusCode(409)
                .body("code", equalTo("member_not_active"));
        UUID outsider = TestData.user(TestData.newSubject("outsider"));
        as(team.carolSubject()).body(Map.of("user_id", outsider)).post(leadership).then().statusCode(404);
        as(team.carolSubject()).body(Map.of()).post(leadership).then().statusCode(400);
        assertTrue(TestData.count("SELECT count(*) FROM channel_members WHERE channel_id = ? AND user_id = ?",
                team.leadership(), outsider) == 0);
    }

    @Test
    void nobodyStaysInAChannelOfAWorkspaceTheyWereRemovedFrom() throws Exception {
        List<String> leavers = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String subject = TestData.newSubject("leaver");
            TestData.activeMember(team.workspace(), TestData.user(subject), "member");
            leavers.add(subject);
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        // Each leaver joins #engineering while an admin removes them from the workspace, all at once.
        dev.chat.testing.Concurrently.run(24, () -> {
            int i = next.getAndIncrement();
            String leaver = leavers.get(i / 2);
            if (i % 2 == 0) {
                return as(leaver).post("/api/channels/" + team.engineering() + "/join").statusCode();
            }
            String id = TestData.string("SELECT id::text FROM users WHERE idp_subject = ?", leaver);
            return as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + id)
                    .statusCode();
        });
        assertEquals(0, TestData.count("""
                SELECT count(*) FROM channel_members cm JOIN channels c ON c.id = cm.channel_id
                WHERE c.workspace_id = ?
                  AND NOT EXISTS (SELECT 1 FROM workspace_members wm
                                  WHERE wm.workspace_id = c.workspace_id AND wm.user_id = cm.user_id)
                """, team.workspace()));
    }

    private List<String> slugsSeenBy(String subject) {
        return as(subject).get("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(200)
                .extract().jsonPath().getList("slug", String.class).stream().sorted().toList();
    }

    private long channelCount() {
        return TestData.count("SELECT count(*) FROM channels WHERE workspace_id = ?", team.workspace());
    }
}
