package dev.chat.api.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.testing.QueryPlans;
import dev.chat.testing.TestInfrastructure;
import java.util.List;
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
        for (String plan : QueryPlans.plans(MessageRepository.FIND_AS_CALLER, "'user_alice'",
                "'00000000-0000-7000-8000-00000000c001'")) {
            assertEquals(List.of(), QueryPlans.sequentiallyScanned(plan), plan);
            assertEquals(List.of(), QueryPlans.functionScans(plan).stream().filter(f -> f.startsWith("readable"))
                    .toList(), plan);
        }
    }
}
