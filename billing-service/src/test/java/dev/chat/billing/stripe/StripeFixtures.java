package dev.chat.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Stripe objects and events for tests, from the JSON fixtures, and the fake's stubs that serve them. */
public final class StripeFixtures {

    private StripeFixtures() {
    }

    /** Makes the fake answer the subscription in this state from now on. */
    public static void subscriptionIs(String id, UUID workspace, String customer, String status, long quantity,
                                      Instant latestInvoiceAt) {
        FakeStripe.server().stubFor(get(urlPathEqualTo("/v1/subscriptions/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(retrievedSubscription(id, workspace, customer, status, quantity, latestInvoiceAt))));
    }

    /** A subscription as Stripe answers its retrieval, with its latest invoice expanded (unpaid when past due). */
    public static String retrievedSubscription(String id, UUID workspace, String customer, String status,
                                               long quantity, Instant latestInvoiceAt) {
        Map<String, Object> values = new HashMap<>(Map.of("id", id, "customer", customer, "status", status,
                "quantity", quantity, "invoice_created", latestInvoiceAt.getEpochSecond(),
                "invoice_status", "past_due".equals(status) ? "open" : "paid"));
        values.put("workspace_id", workspace == null ? "" : workspace.toString());
        return FakeStripe.fixture("subscription.json", values);
    }

    /** The fake answers a list request on {@code path} for the customer with these objects (JSON, comma-joined). */
    public static void listed(String path, String customer, String... objects) {
        FakeStripe.server().stubFor(get(urlPathEqualTo(path)).withQueryParam("customer", equalTo(customer))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"object\":\"list\",\"data\":[" + String.join(",", objects) + "],\"has_more\":false,"
                                + "\"url\":\"" + path + "\"}")));
    }

    public static String subscriptionObject(String id, UUID workspace, String customer, String status,
                                            long quantity) {
        return FakeStripe.fixture("subscription.json", Map.of("id", id, "customer", customer, "status", status,
                "quantity", quantity, "invoice_created", 1795600000L, "invoice_status", "paid",
                "workspace_id", workspace));
    }

    public static String checkoutCompleted(UUID workspace, String customer, String subscription) {
        return FakeStripe.fixture("checkout-session-completed.json", Map.of("id", UUID.randomUUID(),
                "workspace_id", workspace, "customer", customer, "subscription", subscription));
    }

    public static String invoice(UUID workspace, String customer, String subscription, String status) {
        return FakeStripe.fixture("invoice.json", Map.of("id", UUID.randomUUID(), "workspace_id", workspace,
                "customer", customer, "subscription", subscription, "status", status));
    }

    /** An event envelope around {@code object}, created at {@code created}. */
    public static String event(String eventId, String type, String object, Instant created) {
        return FakeStripe.fixture("event.json", Map.of("event_id", eventId, "type", type, "object", object,
                "created", created.getEpochSecond()));
    }

    public static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }
}
