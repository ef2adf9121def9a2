package dev.chat.billing.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Which subscription a Stripe event is about, and the workspace it names if any: all that is taken from the event
 * itself. Everything else is read from Stripe afresh, because deliveries come late, twice and out of order.
 */
record EventTarget(String subscriptionId, String workspaceHint) {

    static final Set<String> HANDLED = Set.of("checkout.session.completed", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed");

    /** @return empty when the event concerns no subscription (a one-off payment, an invoice without one) */
    static Optional<EventTarget> of(String type, JsonNode object) {
        if (type.equals("checkout.session.completed")) {
            return text(object.path("subscription"))
                    .map(id -> new EventTarget(id, text(object.path("client_reference_id")).orElse(null)));
        }
        if (type.startsWith("customer.subscription.")) {
            return text(object.path("id"))
                    .map(id -> new EventTarget(id, text(object.path("metadata").path("workspace_id")).orElse(null)));
        }
        // Invoices name their subscription under parent.subscription_details since API version 2025-03-31.
        JsonNode details = object.path("parent").path("subscription_details");
        return text(details.path("subscription")).or(() -> text(object.path("subscription")))
                .map(id -> new EventTarget(id, text(details.path("metadata").path("workspace_id")).orElse(null)));
    }

    /** The id of a field that is either an id or an expanded object. */
    private static Optional<String> text(JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            return Optional.of(node.asText());
        }
        if (node.isObject()) {
            return text(node.path("id"));
        }
        return Optional.empty();
    }
}
