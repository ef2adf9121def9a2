package dev.chat.model.events;

import dev.chat.model.PlanTier;

/**
 * Payload of {@code workspace.plan_changed}: the workspace's limits now. {@code subscriptionStatus} is Stripe's
 * (e.g. {@code active}, {@code past_due}, {@code canceled}), null without a subscription.
 */
public record PlanChanged(PlanTier planTier, int seatLimit, long aiBudgetLimit, String subscriptionStatus) {
}
