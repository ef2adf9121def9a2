package dev.chat.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.net.Webhook;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe tells billing-service a subscription changed; the admin's open socket hears the new plan, through the
 * outbox, the relay and a gateway (real processes; Stripe's API faked on loopback, the webhook signed as Stripe does).
 */
class BillingScenarioIT {

    private static final String WEBHOOK_SECRET = "whsec_system_test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningSystem system;
    static WireMockServer stripe;
    static String gateway;
    static String billing;

    @BeforeAll
    static void startSystem() {
        stripe = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stripe.start();
        system = new RunningSystem(BillingScenarioIT.class);
        system.startRelay("outbox-relay");
        gateway = system.startGateway("realtime-gateway");
        billing = system.startBilling(Map.of("STRIPE_API_BASE", stripe.baseUrl(), "STRIPE_SECRET_KEY", "sk_test_system",
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET, "STRIPE_PRO_PRICE_ID", "price_pro_monthly"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (stripe != null) {
            stripe.stop();
        }
    }

    @Test
    void anAdminSeesTheWorkspaceBecomeProWhenStripeSaysSo() throws Exception {
        UUID workspace = TestData.workspace();
        String adminSubject = TestData.newSubject("admin");
        UUID admin = TestData.user(adminSubject);
        TestData.activeMember(workspace, admin, "admin");
        String subscription = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        String subscriptionJson = fixture(subscription, workspace);
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + subscription)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(subscriptionJson)));

        try (ChatSocket socket = ChatSocket.connect(gateway, Tokens.forSubject(adminSubject))) {
            assertEquals("subscribed", socket.subscribeAndAwait("user:" + admin).path("type").asText());

            String payload = "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\","
                    + "\"api_version\":\"2026-07-29.dahlia\",\"created\":" + Instant.now().getEpochSecond()
                    + ",\"type\":\"customer.subscription.created\",\"data\":{\"object\":" + subscriptionJson + "}}";
            long now = Instant.now().getEpochSecond();
            String signature = "t=" + now + ",v1=" + Webhook.Util.computeHmacSha256(WEBHOOK_SECRET, now + "." + payload);
            HttpResponse<String> delivered = HTTP.send(HttpRequest.newBuilder(URI.create(billing + "/webhooks/stripe"))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, delivered.statusCode(), delivered.body());

            JsonNode event = socket.nextMatching(frame -> "event".equals(frame.path("type").asText())).path("event");
            assertEquals("workspace.plan_changed", event.path("type").asText());
            assertEquals("pro", event.path("payload").path("plan_tier").asText());
            assertEquals(30, event.path("payload").path("seat_limit").asInt());
        }
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(billing + "/api/billing?workspace_id="
                + workspace)).header("Authorization", "Bearer " + Tokens.forSubject(adminSubject)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(30, JSON.readTree(status.body()).path("seat_limit").asInt());
    }

    private static String fixture(String subscription, UUID workspace) throws Exception {
        try (InputStream in = BillingScenarioIT.class.getResourceAsStream("/stripe/subscription.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${id}", subscription)
                    .replace("${customer}", "cus_system").replace("${status}", "active").replace("${quantity}", "30")
                    .replace("${invoice_created}", String.valueOf(Instant.now().getEpochSecond()))
                    .replace("${invoice_status}", "paid").replace("${workspace_id}", workspace.toString());
        }
    }
}
