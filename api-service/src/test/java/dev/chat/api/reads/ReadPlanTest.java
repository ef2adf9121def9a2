package dev.chat.api.reads;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reads stay index-driven with the read rule in the schema's functions: PostgreSQL inlines them, so no table is
 * scanned whole and no function is called as a black box, in the first plans and in the cached one.
 */
class ReadPlanTest {

    private static final String CHANNEL = "'00000000-0000-7000-8000-00000000c001'";
    private static final String SUBJECT = "'user_alice'";
    private static final String KEY = "'ffffffff-ffff-ffff-ffff-ffffffffffff'";

    @BeforeAll
    static void schema() {
        TestInfrastructure.get().migrate();
    }

    @Test
    void aTimelinePageIsReadThroughIndexes() {
        QueryPlans.assertIndexDriven(QueryPlans.plans(ReadRepository.TIMELINE, CHANNEL, SUBJECT, KEY, "51"));
    }

    @Test
    void aConversationAndItsRepliesAreReadThroughIndexes() {
        QueryPlans.assertIndexDriven(QueryPlans.plans(ReadRepository.CONVERSATION, CHANNEL, SUBJECT));
        QueryPlans.assertIndexDriven(QueryPlans.plans(ReadRepository.REPLIES, CHANNEL, SUBJECT,
                "'00000000-0000-0000-0000-000000000000'", "51"));
    }
}
