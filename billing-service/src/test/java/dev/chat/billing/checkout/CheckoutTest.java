package dev.chat.billing.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chat.billing.stripe.StripeFixtures.listed;
import static dev.chat.billing.stripe.StripeFixtures.subscriptionObject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class CheckoutTest {

    UUID workspace;
    String admin;
    String member;
    String customer;

    @BeforeEach
    void setUp() {
        workspace = TestData.workspace();
        admin = TestData.newSubject("admin");
        TestData.activeMember(workspace, TestData.user(admin), "admin");
        member = TestData.newSubject("member");
        TestData.activeMember(workspace, TestData.user(member), "member");
        customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        stub("/v1/customers", FakeStripe.fixture("customer.json", Map.of("id", customer, "workspace_id", workspace,
                "name", "Test")));
        stub("/v1/checkout/sessions", FakeStripe.fixture("checkout-session.json", Map.of("id", workspace,
                "workspace_id", workspace, "customer", customer)));
        stub("/v1/billing_portal/sessions", FakeStripe.fixture("portal-session.json", Map.of("id", workspace,
                "customer", customer)));
        listed("/v1/subscriptions", customer);
        listed("/v1/checkout/sessions", customer);
    }

    @Test
    void anAdminBuysProSeatsThroughCheckoutAndTheCustomerIsCreatedOnce() {
        as(admin).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(200).body("url", equalTo("https://checkout.stripe.com/c/pay/cs_test_" + workspace));
        assertEquals(customer, TestData.string("SELECT stripe_customer_id FROM workspaces WHERE id = ?", workspace));
        FakeStripe.server().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Idempotency-Key", equalToText("customer-" + workspace))
                .withRequestBody(containing("metadata[workspace_id]=" + workspace)));
        FakeStripe.server().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalToText("Bearer " + FakeStripe.SECRET_KEY))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("customer=" + customer))
                .withRequestBody(containing("client_reference_id=" + workspace))
                .withRequestBody(containing("line_items[0][price]=" + FakeStripe.PRO_PRICE))
                .withRequestBody(containing("line_items[0][quantity]=12"))
                .withRequestBody(containing("subscription_data[metadata][workspace_id]=" + workspace)));

        // The customer is reused, and the first checkout, still open, is expired: only the newest can be paid.
        String open = FakeStripe.fixture("checkout-session.json", Map.of("id", "old" + workspace,
                "workspace_id", workspace, "customer", customer));
        listed("/v1/checkout/sessions", customer, open);
        stub("/v1/checkout/sessions/cs_test_old" + workspace + "/expire", open);
        as(admin).body(Map.of("workspace_id", workspace, "seats", 15)).post("/api/billing/checkout")
                .then().statusCode(200);
        FakeStripe.server().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_test_old" + workspace
                + "/expire")));
        FakeStripe.server().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withRequestBody(containing(workspace.toString())));
        as(admin).body(Map.of("workspace_id", workspace)).post("/api/billing/portal")
                .then().statusCode(200).body("url", equalTo("https://billing.stripe.com/p/session/test_" + workspace));
        FakeStripe.server().verify(postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withRequestBody(containing("customer=" + customer)));
    }

    @Test
    void onlyAdminsWithValidRequestsReachStripe() {
        int before = FakeStripe.server().getAllServeEvents().size();
        as(member).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(403).body("code", equalTo("admin_required"));
        as(member).body(Map.of("workspace_id", workspace)).post("/api/billing/portal")
                .then().statusCode(403).body("code", equalTo("admin_required"));
        String outsider = TestData.newSubject("outsider");
        TestData.activeMember(TestData.workspace(), TestData.user(outsider), "admin");
        as(outsider).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(404).body("code", equalTo("not_found"));
        for (Map<String, Object> bad : new Map[] {Map.of("workspace_id", workspace, "seats", 0),
                Map.of("workspace_id", workspace), Map.of("seats", 5), Map.of("workspace_id", workspace, "seats", 1)}) {
            as(admin).body(bad).post("/api/billing/checkout").then().statusCode(400)
                    .body("code", equalTo("validation_failed"));
        }
        as(admin).body(Map.of("workspace_id", workspace)).post("/api/billing/portal")
                .then().statusCode(409).body("code", equalTo("no_billing_account"));
        TestData.update("UPDATE workspaces SET subscription_status = 'active' WHERE id = ?", workspace);
        as(admin).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(409).body("code", equalTo("subscription_exists"));
        given().contentType("application/json").body(Map.of("workspace_id", workspace, "seats", 12))
                .post("/api/billing/checkout").then().statusCode(401).body("code", equalTo("unauthenticated"));
        assertEquals(before, FakeStripe.server().getAllServeEvents().size(), "no call reached Stripe");
    }

    @Test
    void aSubscriptionStripeKnowsOfBeforeItsWebhookBlocksASecondCheckout() {
        TestData.update("UPDATE workspaces SET stripe_customer_id = ? WHERE id = ?", customer, workspace);
        listed("/v1/subscriptions", customer, subscriptionObject("sub_paid", workspace, customer, "active", 12));
        as(admin).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(409).body("code", equalTo("subscription_exists"));
        FakeStripe.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("customer=" + customer)));
    }

    @Test
    void stripeErrorsAreRetriedThenAnswered502() {
        TestData.update("UPDATE workspaces SET stripe_customer_id = ? WHERE id = ?", customer, workspace);
        // One 503, then success: the retry hides it.
        String scenario = "flaky-" + workspace;
        FakeStripe.server().stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"unavailable\"}}"))
                .willSetStateTo("recovered"));
        FakeStripe.server().stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).inScenario(scenario)
                .whenScenarioStateIs("recovered").willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(FakeStripe.fixture("portal-session.json", Map.of("id", "ok", "customer", customer)))));
        as(admin).body(Map.of("workspace_id", workspace)).post("/api/billing/portal")
                .then().statusCode(200).body("url", equalTo("https://billing.stripe.com/p/session/test_ok"));

        // Always failing: the client gets a clear 502 after the retries.
        FakeStripe.server().resetScenarios();
        FakeStripe.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse()
                .withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        as(admin).body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(502).contentType("application/problem+json").body("code", equalTo("stripe_unavailable"));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToText(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    /** Stripe's answer to listing {@code path} for the customer: a list holding {@code items} (JSON objects). */
    private static void stub(String path, String body) {
        FakeStripe.server().stubFor(post(urlPathEqualTo(path)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static RequestSpecification as(String subject) {
        return given().contentType("application/json").auth().oauth2(Tokens.forSubject(subject));
    }
}
