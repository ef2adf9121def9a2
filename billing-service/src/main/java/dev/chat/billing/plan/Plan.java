package dev.chat.billing.plan;

import dev.chat.model.PlanTier;

/**
 * The tier a workspace is to be on, the limits a paid plan gives, and the Stripe subscription status they come from
 * (null without one). A Free plan carries no limits here: the schema sets them (free_plan_seat_limit() and
 * free_plan_ai_budget_limit()), so they are written in one place for every service.
 */
public record Plan(PlanTier tier, Integer seatLimit, Long aiBudgetLimit, String subscriptionStatus) {

    public static Plan pro(int seats, long aiBudgetLimit, String subscriptionStatus) {
        return new Plan(PlanTier.PRO, seats, aiBudgetLimit, subscriptionStatus);
    }

    public static Plan free(String subscriptionStatus) {
        return new Plan(PlanTier.FREE, null, null, subscriptionStatus);
    }
}
