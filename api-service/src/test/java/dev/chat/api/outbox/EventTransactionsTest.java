package dev.chat.api.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.api.ApiCalls;
import dev.chat.api.Team;
import dev.chat.outbox.EventTransactions;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction PostgreSQL aborted for a concurrent one (deadlock, serialization failure) is run again and only the
 * attempt that commits leaves anything; other failures, and one that keeps being aborted, reach the caller.
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class EventTransactionsTest {

    @Inject
    EventTransactions transactions;

    Team team;
    String message;

    @BeforeEach
    void setUp() {
        team = Team.create();
        message = ApiCalls.post(team.aliceSubject(), team.general(), "read me", null);
    }

    @Test
    void anAbortedTransactionRunsAgainAndOnlyTheAttemptThatCommitsIsKept() {
        AtomicInteger attempts = new AtomicInteger();
        String outcome = transactions.run(tx -> markRead(tx).chain(() -> attempts.incrementAndGet() <= 2
                        ? Uni.createFrom().<String>failure(aborted("40P01"))
                        : Uni.createFrom().item("committed")))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals("committed", outcome);
        assertEquals(3, attempts.get());
        // Each attempt inserted the same row: had an aborted one been kept, the next would have hit its key.
        assertEquals(1, reads());
    }

    @Test
    void oneThatKeepsBeingAbortedReachesTheCallerAndWritesNothing() {
        AtomicInteger attempts = new AtomicInteger();
        PgException failure = assertThrows(PgException.class, () -> transactions.run(tx -> markRead(tx)
                .chain(() -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().<String>failure(aborted("40001"));
                })).await().atMost(Duration.ofSeconds(10)));
        assertEquals("40001", failure.getSqlState());
        assertEquals(4, attempts.get(), "the first attempt and three more");
        assertEquals(0, reads());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(PgException.class, () -> transactions.run(tx -> markRead(tx).chain(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().<String>failure(aborted("23505"));
        })).await().atMost(Duration.ofSeconds(10)));
        assertEquals(1, attempts.get());
        assertEquals(0, reads());
    }

    private Uni<Void> markRead(SqlConnection tx) {
        return tx.preparedQuery("""
                        INSERT INTO channel_reads (user_id, channel_id, last_read_message_id, updated_at)
                        VALUES ($1, $2, $3, now())""")
                .execute(Tuple.of(team.bob(), team.general(), UUID.fromString(message))).replaceWithVoid();
    }

    private long reads() {
        return TestData.count("SELECT count(*) FROM channel_reads WHERE user_id = ?::uuid", team.bob().toString());
    }

    private static PgException aborted(String sqlState) {
        return new PgException("aborted for the test", "ERROR", sqlState, null);
    }
}
