package dev.chat.api.invites;

import static dev.chat.api.ApiCalls.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Concurrently;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Seats (seed §2): active + invited members never exceed seat_limit, however many arrive at once. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class SeatTest {

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

    private static long members(Team team) {
        return TestData.count("SELECT count(*) FROM workspace_members WHERE workspace_id = ?", team.workspace());
    }

    private static String invites(Team team) {
        return "/api/workspaces/" + team.workspace() + "/invites";
    }
}
