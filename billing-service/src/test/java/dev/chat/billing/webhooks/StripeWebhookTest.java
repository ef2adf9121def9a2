package dev.chat.billing.webhooks;

import static dev.chat.billing.stripe.StripeFixtures.checkoutCompleted;
import static dev.chat.billing.stripe.StripeFixtures.event;
import static dev.chat.billing.stripe.StripeFixtures.invoice;
import static dev.chat.billing.stripe.StripeFixtures.listed;
import static dev.chat.billing.stripe.StripeFixtures.newEventId;
import static dev.chat.billing.stripe.StripeFixtures.retrievedSubscription;
import static dev.chat.billing.stripe.StripeFixtures.subscriptionIs;
import static dev.chat.billing.stripe.StripeFixtures.subscriptionObject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.Metrics;
import dev.chat.testing.TestData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class StripeWebhookTest {

    @TestHTTPResource("/q/metrics")
    URI metricsUri;

    UUID workspace;
    UUID admin;
    String customer;
    String subscription;

    @BeforeEach
    void setUp() {
        workspace = TestData.workspace();
        admin = TestData.user(TestData.newSubject("admin"));
        TestData.activeMember(workspace, admin, "admin");
        customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        subscription = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        listed("/v1/subscriptions", customer); // none running unless a test says so
    }

    @Test
    void aCompletedCheckoutMakesTheWorkspaceProWithTheSeatsBought() throws Exception {
        subscriptionIs(subscription, workspace, customer, "active", 25, Instant.now());
        String eventId = newEventId();
        deliver(event(eventId, "checkout.session.completed", checkoutCompleted(workspace, customer, subscription),
                Instant.now())).statusCode(200).body("outcome", equalTo("applied"));

        assertEquals("pro/25/12500/active/" + subscription + "/" + customer, plan());
        assertEquals(1, TestData.count("SELECT count(*) FROM processed_billing_events WHERE event_id = ? "
                + "AND workspace_id = ?", eventId, workspace));
        assertEquals("pro 25", TestData.string("""
                SELECT (payload->'payload'->>'plan_tier') || ' ' || (payload->'payload'->>'seat_limit') FROM outbox
                WHERE workspace_id = ? AND event_type = 'workspace.plan_changed' AND rooms = ARRAY['user:' || ?]
                """, workspace, admin));
        String envelope = TestData.string("SELECT payload::text FROM outbox WHERE workspace_id = ? "
                + "AND event_type = 'workspace.plan_changed'", workspace);
        assertEquals(Set.of(), PublishedSchemas.violations("event.json", new ObjectMapper().readTree(envelope)));
    }

    @Test
    void aDuplicateDeliveryAnswers200AndChangesNothing() {
        double applied = webhooks("applied");
        double duplicate = webhooks("duplicate");
        subscriptionIs(subscription, workspace, customer, "active", 25, Instant.now());
        String payload = event(newEventId(), "customer.subscription.created",
                subscriptionObject(subscription, workspace, customer, "active", 25), Instant.now());
        deliver(payload).statusCode(200).body("outcome", equalTo("applied"));
        long events = outboxEvents();

        subscriptionIs(subscription, workspace, customer, "active", 30, Instant.now());
        deliver(payload).statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals("pro/25/12500/active/" + subscription + "/" + customer, plan());
        assertEquals(events, outboxEvents());
        assertEquals(applied + 1, webhooks("applied"));
        assertEquals(duplicate + 1, webhooks("duplicate"));
    }

    /** Deliveries counted with this outcome so far ({@code chat_billing_webhooks_total}). */
    private double webhooks(String outcome) {
        return Metrics.value(metricsUri, "chat_billing_webhooks_total{outcome=\"" + outcome + "\"}");
    }

    @Test
    void anEventAboutASubscriptionStripeDoesNotKnowIsRecordedAndIgnored() {
        String unknown = "sub_unknown" + UUID.randomUUID().toString().substring(0, 6);
        String eventId = newEventId();
        deliver(event(eventId, "customer.subscription.updated",
                subscriptionObject(unknown, workspace, customer, "active", 25), Instant.now()))
                .statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals("free/10/0/-/-/-", plan());
        assertEquals(1, TestData.count("SELECT count(*) FROM processed_billing_events WHERE event_id = ?", eventId));
    }

    @Test
    void eventsWithoutAnIdOrTypeAreRefusedWritingNothing() {
        String object = subscriptionObject(subscription, workspace, customer, "active", 25);
        long recorded = TestData.count("SELECT count(*) FROM processed_billing_events");
        double refused = webhooks("refused");
        for (String payload : new String[] {
            event(newEventId(), "customer.subscription.updated", object, Instant.now()).replaceFirst(
                    "\"id\": *\"evt_[a-z0-9]+\"", "\"id\":null"),
            "{\"object\":\"event\"}",
            event(newEventId(), "customer subscription updated", object, Instant.now()),
            event("evt_a\\u0000b", "customer.subscription.updated", object, Instant.now())}) {
            deliver(payload).statusCode(400).body("code", equalTo("validation_failed"));
        }
        assertEquals("free/10/0/-/-/-", plan());
        assertEquals(recorded, TestData.count("SELECT count(*) FROM processed_billing_events"));
        assertEquals(refused + 4, webhooks("refused"));
    }

    @Test
    void deliveriesInAnyOrderEndWhereStripeIs() {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10));
        String created = event(newEventId(), "customer.subscription.created",
                subscriptionObject(subscription, workspace, customer, "incomplete", 40), t0);
        String firstUpdate = event(newEventId(), "customer.subscription.updated",
                subscriptionObject(subscription, workspace, customer, "active", 40), t0.plusSeconds(60));
        String secondUpdate = event(newEventId(), "customer.subscription.updated",
                subscriptionObject(subscription, workspace, customer, "active", 50), t0.plusSeconds(120));

        // Stripe says 40 active seats: "updated" arrives before "created".
        subscriptionIs(subscription, workspace, customer, "active", 40, t0);
        deliver(firstUpdate).statusCode(200);
        deliver(created).statusCode(200);
        assertEquals("pro/40/20000/active/" + subscription + "/" + customer, plan());

        // Now 50: the newer update, then the older one again, late.
        subscriptionIs(subscription, workspace, customer, "active", 50, t0);
        deliver(secondUpdate).statusCode(200);
        deliver(event(newEventId(), "customer.subscription.updated",
                subscriptionObject(subscription, workspace, customer, "active", 40), t0.plusSeconds(60)))
                .statusCode(200);
        assertEquals("pro/50/25000/active/" + subscription + "/" + customer, plan());
    }

    @Test
    void cancellationReturnsToFreeLimitsAndRemovesNobody() {
        for (int i = 0; i < 11; i++) {
            TestData.activeMember(workspace, TestData.user(TestData.newSubject("member")), "member");
        }
        subscriptionIs(subscription, workspace, customer, "active", 12, Instant.now());
        deliver(event(newEventId(), "customer.subscription.created",
                subscriptionObject(subscription, workspace, customer, "active", 12), Instant.now())).statusCode(200);
        assertEquals("pro/12/6000/active/" + subscription + "/" + customer, plan());

        subscriptionIs(subscription, workspace, customer, "canceled", 12, Instant.now());
        deliver(event(newEventId(), "customer.subscription.deleted",
                subscriptionObject(subscription, workspace, customer, "canceled", 12), Instant.now()))
                .statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("free/10/0/canceled/" + subscription + "/" + customer, plan());
        assertEquals(12, TestData.count("SELECT count(*) FROM workspace_members WHERE workspace_id = ?", workspace));
    }

    @Test
    void aFailedPaymentKeepsProUntilItsGracePeriodEndsAndLaterInvoicesDoNotRestartIt() {
        Instant failedAt = Instant.now().minus(Duration.ofDays(2));
        subscriptionIs(subscription, workspace, customer, "past_due", 15, failedAt);
        deliver(event(newEventId(), "invoice.payment_failed", invoice(workspace, customer, subscription, "open"),
                Instant.now())).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("pro/15/7500/past_due/" + subscription + "/" + customer, plan());
        assertEquals(failedAt.getEpochSecond(), pastDueSince().getEpochSecond());

        // A new invoice (a seat change, the next cycle) while still past due keeps the grace period's start.
        subscriptionIs(subscription, workspace, customer, "past_due", 16, Instant.now());
        deliver(event(newEventId(), "invoice.payment_failed", invoice(workspace, customer, subscription, "open"),
                Instant.now())).statusCode(200);
        assertEquals("pro/16/8000/past_due/" + subscription + "/" + customer, plan());
        assertEquals(failedAt.getEpochSecond(), pastDueSince().getEpochSecond());

        // Seven days after the first failure: Free limits.
        TestData.update("UPDATE workspaces SET past_due_since = now() - interval '8 days' WHERE id = ?", workspace);
        deliver(event(newEventId(), "invoice.payment_failed", invoice(workspace, customer, subscription, "open"),
                Instant.now())).statusCode(200);
        assertEquals("free/10/0/past_due/" + subscription + "/" + customer, plan());

        subscriptionIs(subscription, workspace, customer, "active", 16, Instant.now());
        deliver(event(newEventId(), "invoice.paid", invoice(workspace, customer, subscription, "paid"),
                Instant.now())).statusCode(200);
        assertEquals("pro/16/8000/active/" + subscription + "/" + customer, plan());
        assertEquals(null, pastDueSince());
    }

    @Test
    void aDeliveryWaitsForAnotherAboutTheSameSubscriptionSoTheLastCommitCarriesTheLatestState() throws Exception {
        // The first delivery reads "active" slowly; meanwhile the subscription is cancelled and a second delivery
        // comes. It waits for the first to commit, then reads the later state. Were they to overlap, the second would
        // commit first and be overwritten by the slow, older read.
        slowFirstReadThenCanceled(Duration.ofMillis(600));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> deliver(subscriptionEvent("updated",
                "active")).extract().statusCode());
        awaitStripeRead(subscription); // the first delivery holds the lock from before its read until it commits
        deliver(subscriptionEvent("deleted", "canceled")).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals(200, first.get(30, TimeUnit.SECONDS));
        assertEquals("free/10/0/canceled/" + subscription + "/" + customer, plan());
    }

    @Test
    void aDeliveryThatFindsItsSubscriptionBusyTooLongIsRefusedAndAppliesWhenDeliveredAgain() throws Exception {
        slowFirstReadThenCanceled(Duration.ofSeconds(4)); // longer than a delivery waits
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> deliver(subscriptionEvent("updated",
                "active")).extract().statusCode());
        awaitStripeRead(subscription);
        String deleted = subscriptionEvent("deleted", "canceled");
        deliver(deleted).statusCode(503).body("code", equalTo("subscription_busy"));
        assertEquals(200, first.get(30, TimeUnit.SECONDS));
        deliver(deleted).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("free/10/0/canceled/" + subscription + "/" + customer, plan());
    }

    @Test
    void aSecondRunningSubscriptionNeverTakesOverWhileTheFirstRuns() {
        subscribedWith20Seats();
        String second = secondSubscription(7);
        deliverAbout(second, "created", "active", 7).statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals("pro/20/10000/active/" + subscription + "/" + customer, plan());

        // Once the first has ended in Stripe (its own event still on the way), the second is the workspace's.
        subscriptionIs(subscription, workspace, customer, "canceled", 20, Instant.now());
        deliverAbout(second, "updated", "active", 7).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("pro/7/3500/active/" + second + "/" + customer, plan());
        deliver(subscriptionEvent("deleted", "canceled")).statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals("pro/7/3500/active/" + second + "/" + customer, plan());
    }

    @Test
    void whenTheWorkspacesSubscriptionEndsAnotherStillRunningTakesOver() {
        subscribedWith20Seats();
        String second = secondSubscription(7);
        deliverAbout(second, "created", "active", 7).statusCode(200).body("outcome", equalTo("ignored"));

        // The customer cancels the first one instead of the second: the second, still billing, sets the plan.
        subscriptionIs(subscription, workspace, customer, "canceled", 20, Instant.now());
        listed("/v1/subscriptions", customer, subscriptionObject(subscription, workspace, customer, "canceled", 20),
                subscriptionObject(second, workspace, customer, "active", 7));
        deliver(subscriptionEvent("deleted", "canceled")).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("pro/7/3500/active/" + second + "/" + customer, plan());
    }

    @Test
    void aCurrentSubscriptionStripeNoLongerKnowsGivesWayToARunningOne() {
        subscribedWith20Seats();
        FakeStripe.server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/subscriptions/" + subscription))
                .willReturn(WireMock.aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                                + "\"message\":\"No such subscription\"}}")));
        String second = secondSubscription(9);
        deliverAbout(second, "created", "active", 9).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("pro/9/4500/active/" + second + "/" + customer, plan());
    }

    @Test
    void anOldSubscriptionsLateCancellationDoesNotUndoTheCurrentOne() {
        subscribedWith20Seats();
        String old = "sub_old" + UUID.randomUUID().toString().substring(0, 6);
        subscriptionIs(old, workspace, customer, "canceled", 5, Instant.now());
        deliverAbout(old, "deleted", "canceled", 5).statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals("pro/20/10000/active/" + subscription + "/" + customer, plan());
    }

    @Test
    void unsignedForgedOrStaleDeliveriesAre400AndWriteNothing() {
        subscriptionIs(subscription, workspace, customer, "active", 99, Instant.now());
        String payload = event(newEventId(), "customer.subscription.created",
                subscriptionObject(subscription, workspace, customer, "active", 99), Instant.now());
        String before = plan();
        long processed = TestData.count("SELECT count(*) FROM processed_billing_events");
        long now = Instant.now().getEpochSecond();

        given().contentType("application/json").body(payload).post("/webhooks/stripe")
                .then().statusCode(400).body("code", equalTo("invalid_signature"));
        given().contentType("application/json").header("Stripe-Signature", FakeStripe.signature(payload, now))
                .body(payload.replace("\"active\"", "\"trialing\"")).post("/webhooks/stripe")
                .then().statusCode(400).body("code", equalTo("invalid_signature"));
        given().contentType("application/json").header("Stripe-Signature", "t=" + now + ",v1=deadbeef")
                .body(payload).post("/webhooks/stripe")
                .then().statusCode(400).body("code", equalTo("invalid_signature"));
        given().contentType("application/json").header("Stripe-Signature", FakeStripe.signature(payload, now - 600))
                .body(payload).post("/webhooks/stripe")
                .then().statusCode(400).body("code", equalTo("invalid_signature"));

        assertEquals(before, plan());
        assertEquals(processed, TestData.count("SELECT count(*) FROM processed_billing_events"));
    }

    @Test
    void whenStripeFailsTheDeliveryFailsAndItsRedeliveryApplies() {
        FakeStripe.server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/subscriptions/" + subscription))
                .willReturn(WireMock.aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        String eventId = newEventId();
        String payload = event(eventId, "customer.subscription.created",
                subscriptionObject(subscription, workspace, customer, "active", 12), Instant.now());
        deliver(payload).statusCode(502).body("code", equalTo("stripe_unavailable"));
        assertEquals(0, TestData.count("SELECT count(*) FROM processed_billing_events WHERE event_id = ?", eventId));
        assertEquals(3, FakeStripe.server().countRequestsMatching(WireMock.getRequestedFor(
                WireMock.urlPathEqualTo("/v1/subscriptions/" + subscription)).build()).getCount(),
                "one call and two retries");

        subscriptionIs(subscription, workspace, customer, "active", 12, Instant.now());
        deliver(payload).statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("pro/12/6000/active/" + subscription + "/" + customer, plan());
    }

    /** Stripe reports the subscription active, slowly, to the first read; cancelled to every later one. */
    private void slowFirstReadThenCanceled(Duration firstReadDelay) {
        String scenario = "cancel-race-" + subscription;
        Instant invoiced = Instant.now();
        FakeStripe.server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/subscriptions/" + subscription))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse().withFixedDelay((int) firstReadDelay.toMillis())
                        .withHeader("Content-Type", "application/json")
                        .withBody(retrievedSubscription(subscription, workspace, customer, "active", 20, invoiced)))
                .willSetStateTo("canceled"));
        FakeStripe.server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/subscriptions/" + subscription))
                .inScenario(scenario).whenScenarioStateIs("canceled")
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody(retrievedSubscription(subscription, workspace, customer, "canceled", 20, invoiced))));
    }

    /** This test's subscription, active with 20 seats in Stripe, is the workspace's: its created event applied. */
    private void subscribedWith20Seats() {
        subscriptionIs(subscription, workspace, customer, "active", 20, Instant.now());
        deliver(subscriptionEvent("created", "active")).statusCode(200).body("outcome", equalTo("applied"));
    }

    /** Another subscription of the same customer, active in Stripe. @return its id */
    private String secondSubscription(long seats) {
        String second = "sub_two" + UUID.randomUUID().toString().substring(0, 6);
        subscriptionIs(second, workspace, customer, "active", seats, Instant.now());
        return second;
    }

    private ValidatableResponse deliverAbout(String id, String change, String status, long seats) {
        return deliver(event(newEventId(), "customer.subscription." + change,
                subscriptionObject(id, workspace, customer, status, seats), Instant.now()));
    }

    /** A signed customer.subscription.{@code change} event about this test's subscription, 20 seats. */
    private String subscriptionEvent(String change, String status) {
        return event(newEventId(), "customer.subscription." + change,
                subscriptionObject(subscription, workspace, customer, status, 20), Instant.now());
    }

    /** Waits until the fake Stripe has been asked for the subscription once. */
    private static void awaitStripeRead(String subscriptionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (FakeStripe.server().findAll(WireMock.getRequestedFor(
                WireMock.urlPathEqualTo("/v1/subscriptions/" + subscriptionId))).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first delivery never read the subscription");
            }
            Thread.sleep(10);
        }
    }

    private ValidatableResponse deliver(String payload) {
        return given().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", FakeStripe.signature(payload, Instant.now().getEpochSecond()))
                .body(payload).post("/webhooks/stripe").then();
    }

    private String plan() {
        return TestData.string("""
                SELECT plan_tier || '/' || seat_limit || '/' || ai_budget_limit || '/' || coalesce(subscription_status, '-')
                    || '/' || coalesce(stripe_subscription_id, '-') || '/' || coalesce(stripe_customer_id, '-')
                FROM workspaces WHERE id = ?
                """, workspace);
    }

    private Instant pastDueSince() {
        String since = TestData.string("SELECT extract(epoch FROM past_due_since)::bigint::text FROM workspaces "
                + "WHERE id = ?", workspace);
        return since == null ? null : Instant.ofEpochSecond(Long.parseLong(since));
    }

    private long outboxEvents() {
        return TestData.count("SELECT count(*) FROM outbox WHERE workspace_id = ?", workspace);
    }
}
