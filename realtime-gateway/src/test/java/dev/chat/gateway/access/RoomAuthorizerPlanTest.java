package dev.chat.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscribing and re-checking held rooms read the schema's read functions inlined, through indexes only: the only
 * function scan is the unnest of the (user, room) pairs asked about.
 */
class RoomAuthorizerPlanTest {

    @BeforeAll
    static void schema() {
        TestInfrastructure.get().migrate();
    }

    @Test
    void aSubscriptionCheckIsReadThroughIndexes() {
        for (String plan : QueryPlans.plans(RoomAuthorizer.DENIED_AMONG,
                "ARRAY['00000000-0000-7000-8000-00000000a001']::uuid[]", "ARRAY['channel', 'thread', 'workspace']",
                "ARRAY['00000000-0000-7000-8000-00000000c001']::uuid[]")) {
            assertEquals(List.of(), QueryPlans.sequentiallyScanned(plan), plan);
            assertEquals(List.of("s"), QueryPlans.functionScans(plan), plan);
        }
    }
}
