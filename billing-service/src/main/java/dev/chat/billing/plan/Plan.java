package dev.chat.billing.plan;

import dev.chat.model.PlanTier;

/** The limits a workspace has, and the Stripe subscription status they come from (null without one). */
public record Plan(PlanTier tier, int seatLimit, long aiBudgetLimit, String subscriptionStatus) {
}
