package dev.chat.api.invites;

import static dev.chat.api.ApiCalls.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class InviteTest {

    @Inject
    CapturedInviteMails mails;

    @Test
    void anInviteLinkLetsANewcomerIn() {
        Team team = Team.create();
        Map<String, Object> link = as(team.aliceSubject()).body(Map.of()).post(invites(team)).then().statusCode(201)
                .body("kind", equalTo("link")).body("email", nullValue())
                .body("url", containsString("#")).body("expires_at", notNullValue())
                .extract().as(Map.class);
        String token = (String) link.get("token");
        assertEquals(43, token.length(), "256 random bits, base64url");
        assertTrue(((String) link.get("url")).endsWith("#" + token));
        Instant expires = Instant.parse((String) link.get("expires_at"));
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofDays(7)), expires).toMinutes()) < 5,
                "default expiry is 7 days: " + expires);
        assertEquals(1, TestData.count("SELECT count(*) FROM invites WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                token), "the token's SHA-256 is stored");
        assertEquals(0, TestData.count("SELECT count(*) FROM invites WHERE position(convert_to(?, 'UTF8') IN token_hash) > 0",
                token), "the token itself is not");

        String dana = TestData.newSubject("dana");
        String danaId = as(dana).post(accept(token)).then().statusCode(200)
                .body("workspace_id", equalTo(team.workspace().toString()))
                .body("member.status", equalTo("active")).body("member.role", equalTo("member"))
                .body("member.email", equalTo(dana))
                .extract().path("member.user_id");
        as(dana).get("/api/me").then().statusCode(200).body("workspaces.id", hasItem(team.workspace().toString()));
        assertEquals(1, TestData.count("SELECT count(*) FROM channel_members WHERE channel_id = ? AND user_id = ?",
                team.general(), UUID.fromString(danaId)), "a new member is in #general");
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM outbox WHERE event_type = 'member.joined' AND workspace_id = ?
                  AND rooms @> ARRAY['user:' || ?, 'user:' || ?, 'workspace:' || ?]
                """, team.workspace(), danaId, team.alice(), team.workspace()));

        // Accepting again (here with the token in the body) changes nothing and uses nothing.
        as(dana).body(Map.of("token", token)).post("/api/invites/accept").then().statusCode(200)
                .body("member.status", equalTo("active"));
        assertEquals(1, TestData.count("SELECT use_count FROM invites WHERE workspace_id = ?", team.workspace()));
    }

    @Test
    void aRequestsIdComesBackAndFollowsItIntoTheLogs() {
        Team team = Team.create();
        String erin = TestData.newSubject("erin");
        as(team.aliceSubject()).header("X-Request-Id", "trace-7f3a.b").body(Map.of("email", erin))
                .post(invites(team)).then().statusCode(201).header("X-Request-Id", "trace-7f3a.b");
        assertEquals("trace-7f3a.b", mails.requestIdOfLastMailTo(erin), "the mailer ran with the request's id");

        // Without one, or with one that could not go into a log line as it is, the service makes its own.
        for (String offered : new String[] {null, "two words", "x".repeat(65)}) {
            var request = as(team.aliceSubject());
            if (offered != null) {
                request = request.header("X-Request-Id", offered);
            }
            String id = request.get(invites(team)).then().statusCode(200).extract().header("X-Request-Id");
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), offered + " → " + id);
        }
        // A request refused before it reaches any resource (its URI is too long) has one too.
        as(team.aliceSubject()).header("X-Request-Id", "trace-long-uri")
                .get("/api/workspaces/" + team.workspace() + "/invites?" + "a=1&".repeat(3000))
                .then().statusCode(414).header("X-Request-Id", "trace-long-uri");
    }

    @Test
    void anEmailInviteHoldsASeatAndOnlyTheInvitedAddressAcceptsIt() {
        Team team = Team.create();
        String erin = TestData.newSubject("erin");
        as(team.aliceSubject()).body(Map.of("email", "  " + erin.toUpperCase() + " ")).post(invites(team))
                .then().statusCode(201)
                .body("kind", equalTo("email")).body("email", equalTo(erin))
                .body("token", nullValue()).body("url", nullValue()).body("max_uses", equalTo(1));
        assertEquals(1, mails.countTo(erin));
        // The address has a seat (an invited member) before its owner ever signed in.
        as(team.aliceSubject()).get("/api/workspaces/" + team.workspace() + "/members").then().statusCode(200)
                .body("find { it.email == '" + erin + "' }.status", equalTo("invited"));
        as(team.bobSubject()).get("/api/workspaces/" + team.workspace() + "/members").then().statusCode(200)
                .body("email", not(hasItem(erin)));
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM outbox WHERE event_type = 'member.invited' AND workspace_id = ?
                  AND rooms @> ARRAY['user:' || ?]
                """, team.workspace(), team.alice()));

        String token = mails.lastTokenTo(erin);
        String frank = TestData.newSubject("frank");
        long membersBefore = members(team);
        as(frank).post(accept(token)).then().statusCode(403).body("code", equalTo("invite_wrong_email"));
        assertEquals(membersBefore, members(team), "a refused acceptance writes nothing");

        // Erin signs in with her address in another case: the invitation moves to her account, and the admins'
        // clients, which know it by the invited account's id, are told (removed from that one, invited to hers).
        String invitedAccount = TestData.string("SELECT id::text FROM users WHERE email = ?", erin);
        String erinSubject = erin.toUpperCase().replace("@EXAMPLE.COM", "@example.com");
        String erinAccount = as(erinSubject).get("/api/me").then().statusCode(200).extract().path("user.id");
        assertEquals(String.join(" | ", "member.invited " + invitedAccount, "member.removed " + invitedAccount,
                "member.invited " + erinAccount), TestData.string("""
                        SELECT string_agg(event_type || ' ' || (payload -> 'payload' ->> 'user_id'), ' | ' ORDER BY id)
                        FROM outbox WHERE workspace_id = ? AND rooms @> ARRAY['user:' || ?]
                          AND lower(payload -> 'payload' ->> 'email') = ?
                          AND payload -> 'payload' ->> 'status' = 'invited'
                        """, team.workspace(), team.alice(), erin));
        as(erinSubject).post(accept(token)).then().statusCode(200).body("member.status", equalTo("active"));
        assertEquals(1, TestData.count("SELECT count(*) FROM users WHERE lower(email) = ?", erin));
        assertEquals(1, TestData.count("SELECT count(*) FROM users WHERE idp_subject = ?", erinSubject));
        assertEquals(membersBefore, members(team), "the seat the invite held is the one she takes");

        as(frank).post(accept(token)).then().statusCode(410).body("code", equalTo("invite_used_up"));
    }

    @Test
    void everyUnusableTokenHasItsOwnCodeAndRevealsNoWorkspace() {
        Team team = Team.create();
        String expired = linkToken(team, Map.of());
        TestData.update("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE workspace_id = ? "
                + "AND created_at = (SELECT max(created_at) FROM invites WHERE workspace_id = ?)",
                team.workspace(), team.workspace());
        String revoked = linkToken(team, Map.of());
        String revokedId = TestData.string("SELECT id::text FROM invites WHERE workspace_id = ? "
                + "ORDER BY created_at DESC LIMIT 1", team.workspace());
        as(team.aliceSubject()).delete(invites(team) + "/" + revokedId).then().statusCode(204);
        as(team.aliceSubject()).delete(invites(team) + "/" + revokedId).then().statusCode(204);
        String once = linkToken(team, Map.of("max_uses", 1));
        as(TestData.newSubject("first")).post(accept(once)).then().statusCode(200);

        String someone = TestData.newSubject("someone");
        long membersBefore = members(team);
        long outboxBefore = TestData.count("SELECT count(*) FROM outbox");
        refused(as(someone).post(accept(expired)).then(), 410, "invite_expired");
        refused(as(someone).post(accept(revoked)).then(), 410, "invite_revoked");
        refused(as(someone).post(accept(once)).then(), 410, "invite_used_up");
        refused(as(someone).post(accept("A".repeat(43))).then(), 404, "invite_not_found");
        refused(as(someone).post(accept("not-a-token")).then(), 404, "invite_not_found");
        assertEquals(membersBefore, members(team));
        assertEquals(outboxBefore, TestData.count("SELECT count(*) FROM outbox"));
    }

    @Test
    void revokingAnEmailInviteGivesItsSeatBack() {
        Team team = Team.create();
        String gina = TestData.newSubject("gina");
        String inviteId = as(team.aliceSubject()).body(Map.of("email", gina)).post(invites(team))
                .then().statusCode(201).extract().path("id");
        long withInvite = members(team);
        // One pending invite per address.
        as(team.aliceSubject()).body(Map.of("email", gina)).post(invites(team))
                .then().statusCode(409).body("code", equalTo("already_invited"));
        as(team.aliceSubject()).get(invites(team)).then().statusCode(200).body("id", hasItem(inviteId));
        as(team.aliceSubject()).delete(invites(team) + "/" + inviteId).then().statusCode(204);
        assertEquals(withInvite - 1, members(team));
        as(gina).post(accept(mails.lastTokenTo(gina))).then().statusCode(410).body("code", equalTo("invite_revoked"));

        // Removing an invited member revokes their invite too: the removal is not undone by accepting it later.
        String hana = TestData.newSubject("hana");
        as(team.aliceSubject()).body(Map.of("email", hana)).post(invites(team)).then().statusCode(201);
        String hanaId = as(team.aliceSubject()).get("/api/workspaces/" + team.workspace() + "/members").then()
                .extract().path("find { it.email == '" + hana + "' }.user_id");
        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + hanaId)
                .then().statusCode(204);
        as(hana).body(Map.of("token", mails.lastTokenTo(hana))).post("/api/invites/accept")
                .then().statusCode(410).body("code", equalTo("invite_revoked"));
        // Inviting a member is refused.
        as(team.aliceSubject()).body(Map.of("email", team.bobSubject())).post(invites(team))
                .then().statusCode(409).body("code", equalTo("already_member"));
    }

    @Test
    void onlyAdminsManageInvitesAndRequestsAreValidated() {
        Team team = Team.create();
        long invitesBefore = TestData.count("SELECT count(*) FROM invites");
        refused(as(team.bobSubject()).body(Map.of()).post(invites(team)).then(), 403, "admin_required");
        refused(as(team.bobSubject()).get(invites(team)).then(), 403, "admin_required");
        refused(as(TestData.newSubject("stranger")).body(Map.of()).post(invites(team)).then(), 404, "not_found");
        for (Map<String, Object> bad : new Map[] {Map.of("email", "not-an-address"), Map.of("max_uses", 0),
                Map.of("expires_in_days", 0), Map.of("expires_in_days", 31), Map.of("email", "a@b.io", "max_uses", 2)}) {
            refused(as(team.aliceSubject()).body(bad).post(invites(team)).then(), 400, "validation_failed");
        }
        assertEquals(invitesBefore, TestData.count("SELECT count(*) FROM invites"));
        as(team.aliceSubject()).body(Map.of("expires_in_days", 30, "max_uses", 3)).post(invites(team))
                .then().statusCode(201).body("max_uses", equalTo(3));
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).body("code", equalTo(code)).body("workspace_id", nullValue())
                .body("detail", not(containsString("Test ")));
    }

    private static String linkToken(Team team, Map<String, Object> body) {
        return as(team.aliceSubject()).body(body).post(invites(team)).then().statusCode(201).extract().path("token");
    }

    private static long members(Team team) {
        return TestData.count("SELECT count(*) FROM workspace_members WHERE workspace_id = ?", team.workspace());
    }

    private static String invites(Team team) {
        return "/api/workspaces/" + team.workspace() + "/invites";
    }

    static String accept(String token) {
        return "/api/invites/" + token + "/accept";
    }
}
