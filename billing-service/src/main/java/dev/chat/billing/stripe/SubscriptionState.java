package dev.chat.billing.stripe;

import java.time.Instant;

/**
 * What the plan is decided from: a subscription as Stripe reports it now. {@code workspaceId} is the metadata the
 * checkout put on it (null for a subscription made elsewhere); {@code quantity} the seats of its Pro price;
 * {@code latestInvoiceAt} when its latest invoice was created (the start of a payment's grace period).
 */
public record SubscriptionState(String id, String customerId, String workspaceId, String status, long quantity,
                                Instant latestInvoiceAt) {
}
