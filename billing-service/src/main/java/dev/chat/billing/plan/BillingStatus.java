package dev.chat.billing.plan;

import dev.chat.model.PlanTier;

/** A workspace's plan as its members see it: seats used counts active and invited members. */
public record BillingStatus(PlanTier planTier, int seatLimit, int seatsUsed, long aiBudgetLimit,
                           String subscriptionStatus) {
}
