package dev.chat.billing.plan;

import dev.chat.billing.stripe.SubscriptionState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/**
 * Turns a subscription's current state into the workspace's limits (Stripe is the source of truth,
 * docs/decisions/0006-stripe-source-of-truth.md). Active and trialing subscriptions give Pro with one seat per
 * subscribed unit; a failed payment keeps Pro for the grace period from when the subscription first became past due;
 * anything else (cancelled, unpaid, expired, paused) gives the Free plan, whose limits the schema sets.
 * No rule removes anyone: a lower limit only stops new seats.
 */
@ApplicationScoped
public class PlanRules {

    private static final Set<String> PAID = Set.of("active", "trialing");

    private final PlanConfig plans;

    public PlanRules(PlanConfig plans) {
        this.plans = plans;
    }

    /**
     * When a past-due subscription's grace began: as recorded when it first became past due, else its unpaid
     * invoice's creation, else now. Null for a subscription that is not past due.
     */
    public static Instant pastDueSince(SubscriptionState subscription, Instant recorded, Instant now) {
        if (!"past_due".equals(subscription.status())) {
            return null;
        }
        if (recorded != null) {
            return recorded;
        }
        return subscription.latestInvoiceAt() != null ? subscription.latestInvoiceAt() : now;
    }

    /** @param pastDueSince from {@link #pastDueSince} */
    public Plan planFor(SubscriptionState subscription, Instant pastDueSince, Instant now) {
        if (paidFor(subscription, pastDueSince, now) && subscription.quantity() > 0) {
            int seats = (int) Math.min(Integer.MAX_VALUE, subscription.quantity());
            return Plan.pro(seats, seats * plans.pro().aiBudgetPerSeat(), subscription.status());
        }
        return Plan.free(subscription.status());
    }

    private boolean paidFor(SubscriptionState subscription, Instant pastDueSince, Instant now) {
        if (PAID.contains(subscription.status())) {
            return true;
        }
        return pastDueSince != null && now.isBefore(pastDueSince.plus(plans.pro().paymentGracePeriod()));
    }
}
