package dev.chat.billing.plan;

import dev.chat.billing.stripe.SubscriptionState;
import dev.chat.model.PlanTier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/**
 * Turns a subscription's current state into the workspace's limits (brief decision 7: Stripe is the source of
 * truth). Active and trialing subscriptions give Pro with one seat per subscribed unit; a failed payment keeps Pro
 * for the grace period from its invoice; anything else (cancelled, unpaid, expired, paused) gives the Free limits.
 * No rule removes anyone: a lower limit only stops new seats.
 */
@ApplicationScoped
public class PlanRules {

    private static final Set<String> PAID = Set.of("active", "trialing");

    private final PlanConfig plans;

    public PlanRules(PlanConfig plans) {
        this.plans = plans;
    }

    public Plan planFor(SubscriptionState subscription, Instant now) {
        if (paidFor(subscription, now) && subscription.quantity() > 0) {
            int seats = (int) Math.min(Integer.MAX_VALUE, subscription.quantity());
            return new Plan(PlanTier.PRO, seats, seats * plans.pro().aiBudgetPerSeat(), subscription.status());
        }
        return new Plan(PlanTier.FREE, plans.free().seatLimit(), plans.free().aiBudgetLimit(), subscription.status());
    }

    private boolean paidFor(SubscriptionState subscription, Instant now) {
        if (PAID.contains(subscription.status())) {
            return true;
        }
        if ("past_due".equals(subscription.status())) {
            Instant unpaidSince = subscription.latestInvoiceAt() == null ? now : subscription.latestInvoiceAt();
            return now.isBefore(unpaidSince.plus(plans.pro().paymentGracePeriod()));
        }
        return false;
    }
}
