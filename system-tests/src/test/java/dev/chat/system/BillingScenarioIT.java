package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe tells billing-service a subscription changed; the admin's open socket hears the new plan, through the
 * outbox, the relay and a gateway (real processes; Stripe's API faked on loopback, the webhook signed as Stripe does).
 */
class BillingScenarioIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningSystem system;
    static FakeStripe stripe;
    static String gateway;
    static String billing;

    @BeforeAll
    static void startSystem() {
        stripe = new FakeStripe();
        system = new RunningSystem(BillingScenarioIT.class);
        system.startRelay("outbox-relay");
        gateway = system.startGateway("realtime-gateway");
        billing = system.startBilling(stripe.billingSettings("http://localhost:3000"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void anAdminSeesTheWorkspaceBecomeProWhenStripeSaysSo() throws Exception {
        UUID workspace = TestData.workspace();
        String adminSubject = TestData.newSubject("admin");
        UUID admin = TestData.user(adminSubject);
        TestData.activeMember(workspace, admin, "admin");

        try (ChatSocket socket = ChatSocket.connect(gateway, Tokens.forSubject(adminSubject))) {
            assertEquals("subscribed", socket.subscribeAndAwait("user:" + admin).path("type").asText());

            stripe.subscribe(billing, "sub_" + UUID.randomUUID().toString().substring(0, 8), workspace, 30);

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
}
