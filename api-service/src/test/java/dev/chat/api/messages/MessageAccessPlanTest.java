package dev.chat.api.messages;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding a message as its caller may read it stays index-driven with the rule in the schema's
 * {@code readable_message}: PostgreSQL inlines it, so no table is scanned whole and no read-rule function is called as
 * a black box, in the first plans and in the cached one.
 */
class MessageAccessPlanTest {

    @BeforeAll
    static void schema() {
        TestInfrastructure.get().migrate();
    }

    @Test
    void aMessageIsFoundAsItsCallerMayReadItThroughIndexes() {
        QueryPlans.assertIndexDriven(QueryPlans.plans(MessageRepository.FIND_AS_CALLER, "'user_alice'",
                "'00000000-0000-7000-8000-00000000c001'"));
    }
}
