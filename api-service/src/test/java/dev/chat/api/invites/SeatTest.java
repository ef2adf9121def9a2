package dev.chat.api.invites;

import static dev.chat.api.ApiCalls.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.api.Team;
import dev.chat.api.members.ExpiredInvitations;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Concurrently;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Seats: active + invited members never exceed seat_limit, however many arrive at once. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class SeatTest {

    @Inject
    ExpiredInvitations expiredInvitations;

    @Inject
    CapturedInviteMails mails;

    @Test
    void fiftyConcurrentAcceptsIntoTenFreeSeatsLetExactlyTenIn() throws Exception {
        Team team = Team.create();
        TestData.update("UPDATE workspaces SET seat_limit = 13 WHERE id = ?", team.workspace());
        String token = as(team.aliceSubject()).body(Map.of()).post(invites(team)).then().statusCode(201)
                .extract().path("token");
        // Tokens first, so that the fifty requests leave together.
        AtomicInteger next = new AtomicInteger();
        List<String> tokens = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> Tokens.forSubject(TestData.newSubject("crowd"))).toList();
        List<Integer> statuses = Concurrently.run(50, () -> RestAssured.given().auth()
                .oauth2(tokens.get(next.getAndIncrement())).post(InviteTest.accept(token)).statusCode());
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(40, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        assertEquals(13, members(team));
        assertEquals(10, TestData.count("SELECT use_count FROM invites WHERE workspace_id = ?", team.workspace()));
        assertEquals(10, TestData.count("SELECT count(*) FROM outbox WHERE event_type = 'member.joined' "
                + "AND workspace_id = ?", team.workspace()));
    }

    @Test
    void aFullWorkspaceRefusesNewSeatsAndALowerLimitRemovesNobody() {
        Team team = Team.create();
        TestData.update("UPDATE workspaces SET seat_limit = 4 WHERE id = ?", team.workspace());
        String link = as(team.aliceSubject()).body(Map.of()).post(invites(team)).then().statusCode(201)
                .extract().path("token");
        as(team.aliceSubject()).body(Map.of("email", TestData.newSubject("fourth"))).post(invites(team))
                .then().statusCode(201);

        // Four of four seats: an invited address holds one.
        as(team.aliceSubject()).body(Map.of("email", TestData.newSubject("fifth"))).post(invites(team))
                .then().statusCode(402).body("code", equalTo("seat_limit_reached"))
                .body("seat_limit", equalTo(4)).body("seats_used", equalTo(4));
        as(team.aliceSubject()).body(Map.of()).post(invites(team))
                .then().statusCode(402).body("code", equalTo("seat_limit_reached"));
        as(TestData.newSubject("late")).post(InviteTest.accept(link))
                .then().statusCode(402).body("code", equalTo("seat_limit_reached"));
        assertEquals(4, members(team));

        TestData.update("UPDATE workspaces SET seat_limit = 2 WHERE id = ?", team.workspace());
        as(team.bobSubject()).get("/api/workspaces/" + team.workspace() + "/channels").then().statusCode(200);
        assertEquals(4, members(team), "a lower limit removes nobody");
        // Members leaving free seats, but only below the limit do new ones open.
        as(team.bobSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + team.bob())
                .then().statusCode(204);
        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + team.carol())
                .then().statusCode(204);
        as(TestData.newSubject("still-late")).post(InviteTest.accept(link))
                .then().statusCode(402).body("code", equalTo("seat_limit_reached"));
        TestData.update("UPDATE workspaces SET seat_limit = 3 WHERE id = ?", team.workspace());
        as(TestData.newSubject("on-time")).post(InviteTest.accept(link)).then().statusCode(200);
        assertEquals(3, members(team));
    }

    @Test
    void anEmailInviteThatRanOutGivesItsSeatBackToTheNextPersonWhoNeedsIt() {
        Team team = Team.create();
        TestData.update("UPDATE workspaces SET seat_limit = 4 WHERE id = ?", team.workspace());
        String link = as(team.aliceSubject()).body(Map.of()).post(invites(team)).then().statusCode(201)
                .extract().path("token");
        String ida = TestData.newSubject("ida");
        as(team.aliceSubject()).body(Map.of("email", ida)).post(invites(team)).then().statusCode(201);
        // She signs in (the invitation moves to her account) but waits too long to accept.
        String idaAccount = as(ida).get("/api/me").then().statusCode(200).extract().path("user.id");
        expireEmailInvite(team, ida);

        // Her own late acceptance is refused and, like every refusal, writes nothing: her seat is still counted.
        as(ida).post(InviteTest.accept(mails.lastTokenTo(ida))).then().statusCode(410)
                .body("code", equalTo("invite_expired"));
        assertEquals(4, members(team));
        assertEquals(0, removals(team, idaAccount));

        // The next seat taken finds four of four used, of which Ida's is no longer held: it is given back first.
        as(TestData.newSubject("newcomer")).post(InviteTest.accept(link)).then().statusCode(200);
        assertEquals(4, members(team));
        assertEquals(0, TestData.count("SELECT count(*) FROM workspace_members wm JOIN users u ON u.id = wm.user_id "
                + "WHERE wm.workspace_id = ? AND u.email = ?", team.workspace(), ida));
        assertEquals(1, removals(team, idaAccount));
        // Inviting her again needs a seat again.
        as(team.aliceSubject()).body(Map.of("email", ida)).post(invites(team))
                .then().statusCode(402).body("code", equalTo("seat_limit_reached"));
    }

    @Test
    void seatsOfInvitationsThatRanOutInAQuietWorkspaceAreGivenBackPeriodically() {
        Team team = Team.create();
        String jo = TestData.newSubject("jo");
        String kim = TestData.newSubject("kim");
        as(team.aliceSubject()).body(Map.of("email", jo)).post(invites(team)).then().statusCode(201);
        as(team.aliceSubject()).body(Map.of("email", kim)).post(invites(team)).then().statusCode(201);
        UUID joUser = UUID.fromString(TestData.string("SELECT id::text FROM users WHERE email = ?", jo));
        expireEmailInvite(team, jo);

        expiredInvitations.run().await().atMost(Duration.ofSeconds(30));
        expiredInvitations.run().await().atMost(Duration.ofSeconds(30));

        as(team.aliceSubject()).get("/api/workspaces/" + team.workspace() + "/members").then().statusCode(200)
                .body("email", not(hasItem(jo)))
                .body("find { it.email == '" + kim + "' }.status", equalTo("invited"));
        assertEquals(1, removals(team, joUser.toString()), "one member.removed, however many passes");
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM outbox WHERE event_type = 'member.removed' AND workspace_id = ?
                  AND rooms @> ARRAY['user:' || ?, 'user:' || ?] AND payload -> 'payload' ->> 'status' = 'invited'
                """, team.workspace(), team.alice(), joUser));
    }

    @Test
    void removingAnInviteeWhoseInvitationRanOutRemovesThemOnce() {
        Team team = Team.create();
        String lea = TestData.newSubject("lea");
        as(team.aliceSubject()).body(Map.of("email", lea)).post(invites(team)).then().statusCode(201);
        String leaUser = TestData.string("SELECT id::text FROM users WHERE email = ?", lea);
        expireEmailInvite(team, lea);

        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + leaUser)
                .then().statusCode(204);
        assertEquals(3, members(team));
        assertEquals(1, removals(team, leaUser));
        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + leaUser)
                .then().statusCode(404);
    }

    @Test
    void outsidersAreRefusedWithoutEverWaitingForTheSeatLock() throws Exception {
        Team team = Team.create();
        String outsider = TestData.newSubject("outsider");
        try (Connection holder = TestData.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM workspaces WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, team.workspace());
                lock.executeQuery().close();
            }
            // With the seats locked elsewhere, an outsider's seat-taking calls are answered, not queued behind it.
            CompletableFuture<Integer> invite = CompletableFuture.supplyAsync(() -> as(outsider)
                    .body(Map.of("email", TestData.newSubject("x"))).post(invites(team)).statusCode());
            CompletableFuture<Integer> removal = CompletableFuture.supplyAsync(() -> as(outsider)
                    .delete("/api/workspaces/" + team.workspace() + "/members/" + team.bob()).statusCode());
            assertEquals(404, invite.get(20, TimeUnit.SECONDS));
            assertEquals(404, removal.get(20, TimeUnit.SECONDS));
            holder.rollback();
        }
    }

    private static void expireEmailInvite(Team team, String email) {
        TestData.update("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE workspace_id = ? "
                + "AND email = ?", team.workspace(), email);
    }

    private static long removals(Team team, String userId) {
        return TestData.count("SELECT count(*) FROM outbox WHERE event_type = 'member.removed' AND workspace_id = ? "
                + "AND payload -> 'payload' ->> 'user_id' = ?", team.workspace(), userId);
    }

    private static long members(Team team) {
        return TestData.count("SELECT count(*) FROM workspace_members WHERE workspace_id = ?", team.workspace());
    }

    private static String invites(Team team) {
        return "/api/workspaces/" + team.workspace() + "/invites";
    }
}
