package dev.chat.relay;

import static dev.chat.relay.OutboxRelayTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.relay.leader.LeaderElection;
import dev.chat.relay.store.PgConnections;
import dev.chat.testing.ChatTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class LeaderElectionTest {

    @Inject
    Vertx vertx;
    @Inject
    PgConnections connections;

    @Test
    void exactlyOneInstanceLeadsAndAStandbyTakesOverWhenItGoes() throws Exception {
        long key = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
        AtomicInteger demotions = new AtomicInteger();
        LeaderElection first = election(key, demotions);
        LeaderElection second = election(key, new AtomicInteger());
        first.start();
        awaitTrue(first::isLeader);
        second.start();
        Thread.sleep(1_500); // a few of the standby's attempts
        assertFalse(second.isLeader(), "the standby must not lead while the leader lives");

        first.stop();
        awaitTrue(second::isLeader);
        assertFalse(first.isLeader());
        assertTrue(demotions.get() == 1, "the old leader was told it stepped down");
        second.stop();
    }

    private LeaderElection election(long key, AtomicInteger demotions) {
        return new LeaderElection(vertx, connections::open, key, Duration.ofMillis(200), new LeaderElection.Listener() {
            @Override
            public void elected() {
            }

            @Override
            public void demoted() {
                demotions.incrementAndGet();
            }
        });
    }
}
