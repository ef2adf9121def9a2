package dev.chat.api.channels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel list counts what is unread from indexes alone: no table is scanned whole, and messages are counted from
 * the top-level index without visiting the table (decision 0018), in the first plans and in the cached one.
 */
class UnreadPlanTest {

    private static final String WORKSPACE = "'00000000-0000-7000-8000-00000000a001'";
    private static final String READER = "'00000000-0000-7000-8000-00000000b001'";

    @BeforeAll
    static void schema() {
        TestInfrastructure.get().migrate();
    }

    @Test
    void theChannelListCountsFromIndexesAlone() {
        List<String> plans = QueryPlans.plans(ReadPositions.LISTED, WORKSPACE, READER);
        QueryPlans.assertIndexDriven(plans);
        for (String plan : plans) {
            assertTrue(plan.contains("Index Only Scan using messages_top_level_idx on messages"), plan);
        }
    }
}
