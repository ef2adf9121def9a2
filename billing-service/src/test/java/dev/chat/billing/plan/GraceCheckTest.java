package dev.chat.billing.plan;

import static dev.chat.billing.stripe.StripeFixtures.subscriptionIs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class GraceCheckTest {

    @Inject
    GraceCheck graceCheck;

    @Test
    void aGracePeriodEndsOnTimeWithoutAnEvent() {
        UUID expired = pastDueWorkspace(Duration.ofDays(8));
        UUID recent = pastDueWorkspace(Duration.ofDays(1));

        graceCheck.run().await().atMost(Duration.ofSeconds(30));

        assertEquals("free/10", plan(expired));
        assertEquals("pro/15", plan(recent));
        assertEquals(1, TestData.count("SELECT count(*) FROM outbox WHERE workspace_id = ? "
                + "AND event_type = 'workspace.plan_changed'", expired));
    }

    private static UUID pastDueWorkspace(Duration sinceUnpaidInvoice) {
        UUID workspace = TestData.workspace();
        TestData.activeMember(workspace, TestData.user(TestData.newSubject("admin")), "admin");
        String subscription = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        TestData.update("UPDATE workspaces SET plan_tier = 'pro', seat_limit = 15, ai_budget_limit = 7500, "
                + "subscription_status = 'past_due', stripe_subscription_id = ?, stripe_customer_id = ?, "
                + "past_due_since = now() - ?::interval WHERE id = ?",
                subscription, customer, sinceUnpaidInvoice.toDays() + " days", workspace);
        subscriptionIs(subscription, workspace, customer, "past_due", 15, Instant.now().minus(sinceUnpaidInvoice));
        return workspace;
    }

    private static String plan(UUID workspace) {
        return TestData.string("SELECT plan_tier || '/' || seat_limit FROM workspaces WHERE id = ?", workspace);
    }
}
