package dev.chat.api.identity;

import static dev.chat.api.ApiCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The invited person's first sign-in takes their invitations over, even while a seat change is rewriting one. */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class InvitationTakeoverTest {

    @Test
    void aFirstSignInDuringASeatChangeOfItsInvitationNeitherDeadlocksNorLosesIt() throws Exception {
        Team team = Team.create();
        String mia = TestData.newSubject("mia");
        as(team.aliceSubject()).body(Map.of("email", mia)).post("/api/workspaces/" + team.workspace() + "/invites")
                .then().statusCode(201);
        UUID invitedAccount = UUID.fromString(TestData.string("SELECT id::text FROM users WHERE email = ?", mia));

        CompletableFuture<Integer> signIn;
        try (Connection seatChange = TestData.connect()) {
            // A seat change as re-inviting does it: the invitation's row is deleted, then written again, which
            // references the invited account only at that second step.
            seatChange.setAutoCommit(false);
            execute(seatChange, "DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?",
                    team.workspace(), invitedAccount);
            signIn = CompletableFuture.supplyAsync(() -> as(mia).get("/api/me").statusCode());
            awaitSomeoneWaitingFor(seatChange);
            execute(seatChange, "INSERT INTO workspace_members (workspace_id, user_id, role, status) "
                    + "VALUES (?, ?, 'member', 'invited')", team.workspace(), invitedAccount);
            seatChange.commit();
        }

        assertEquals(200, signIn.get(20, TimeUnit.SECONDS));
        String account = as(mia).get("/api/me").then().statusCode(200).extract().path("user.id");
        assertEquals("invited", TestData.string("SELECT status FROM workspace_members WHERE workspace_id = ? "
                + "AND user_id = ?", team.workspace(), UUID.fromString(account)));
        assertEquals(0, TestData.count("SELECT count(*) FROM users WHERE id = ?", invitedAccount));
        assertEquals(String.join(" | ", "member.invited " + invitedAccount, "member.removed " + invitedAccount,
                "member.invited " + account), TestData.string("""
                        SELECT string_agg(event_type || ' ' || (payload -> 'payload' ->> 'user_id'), ' | ' ORDER BY id)
                        FROM outbox WHERE workspace_id = ? AND lower(payload -> 'payload' ->> 'email') = ?
                        """, team.workspace(), mia));
    }

    @Test
    void anInviteToAnAddressWhoseAccountIsBeingTakenOverReachesTheNewAccount() throws Exception {
        Team team = Team.create();
        Team other = Team.create();
        String mia = TestData.newSubject("mia");
        as(team.aliceSubject()).body(Map.of("email", mia)).post("/api/workspaces/" + team.workspace() + "/invites")
                .then().statusCode(201);
        UUID invitedAccount = UUID.fromString(TestData.string("SELECT id::text FROM users WHERE email = ?", mia));
        UUID account = UUID.randomUUID(); // signed in, its profile not read yet
        TestData.update("INSERT INTO users (id, idp_subject) VALUES (?, ?)", account, mia);

        CompletableFuture<Integer> invite;
        try (Connection takeover = TestData.connect()) {
            // Mia's first sign-in, as InvitationTakeover does it, held before its commit.
            takeover.setAutoCommit(false);
            execute(takeover, "SELECT id FROM users WHERE id = ? FOR UPDATE", invitedAccount);
            execute(takeover, "UPDATE workspace_members SET user_id = ? WHERE user_id = ?", account, invitedAccount);
            execute(takeover, "DELETE FROM users WHERE id = ?", invitedAccount);
            execute(takeover, "UPDATE users SET email = ? WHERE id = ?", mia, account);
            invite = CompletableFuture.supplyAsync(() -> as(other.aliceSubject()).body(Map.of("email", mia))
                    .post("/api/workspaces/" + other.workspace() + "/invites").statusCode());
            awaitSomeoneWaitingFor(takeover);
            takeover.commit();
        }

        assertEquals(201, invite.get(20, TimeUnit.SECONDS));
        assertEquals("invited", TestData.string("SELECT status FROM workspace_members WHERE workspace_id = ? "
                + "AND user_id = ?", other.workspace(), account));
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    /** Until another session waits for a lock this connection's transaction holds. */
    private static void awaitSomeoneWaitingFor(Connection holder) throws Exception {
        int pid;
        try (var statement = holder.createStatement(); var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            pid = rows.getInt(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TestData.count("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sign-in never waited for the seat change");
            }
            Thread.sleep(10);
        }
    }
}
