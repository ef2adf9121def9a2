package dev.chat.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Posting's access check reads the read rule's function inlined, through indexes only. */
class ChannelAccessPlanTest {

    @BeforeAll
    static void schema() {
        TestInfrastructure.get().migrate();
    }

    @Test
    void thePostingCheckIsReadThroughIndexes() {
        for (String plan : QueryPlans.plans(AccessRepository.CHANNEL_ACCESS, "'user_alice'",
                "'00000000-0000-7000-8000-00000000c001'")) {
            assertEquals(List.of(), QueryPlans.sequentiallyScanned(plan), plan);
            assertEquals(List.of(), QueryPlans.functionScans(plan), plan);
        }
    }
}
