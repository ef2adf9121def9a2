package dev.chat.api.members;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seat lock holds up only other seat changes. Creating a channel holds its creator's membership row and then
 * references the workspace, while removing a member holds the seat lock and then that row: were the seat lock to block
 * references, the two would deadlock.
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class SeatLockTest {

    @Test
    void whatOnlyReferencesTheWorkspaceNeverWaitsForTheSeatLock() throws Exception {
        Team team = Team.create();
        try (Connection seatChange = TestData.connect()) {
            seatChange.setAutoCommit(false);
            try (PreparedStatement lock = seatChange.prepareStatement(Seats.LOCK_WORKSPACE.replace("$1", "?"))) {
                lock.setObject(1, team.workspace());
                lock.executeQuery().close();
            }
            CompletableFuture<Integer> channel = CompletableFuture.supplyAsync(() -> as(team.bobSubject())
                    .body(Map.of("name", "while seats change")).post("/api/workspaces/" + team.workspace() + "/channels")
                    .statusCode());
            CompletableFuture<Integer> message = CompletableFuture.supplyAsync(() -> as(team.bobSubject())
                    .body(Map.of("channel_id", team.general(), "content", "still here")).post("/api/messages")
                    .statusCode());
            assertEquals(201, channel.get(20, TimeUnit.SECONDS));
            assertEquals(201, message.get(20, TimeUnit.SECONDS));
            seatChange.rollback();
        }
    }
}
