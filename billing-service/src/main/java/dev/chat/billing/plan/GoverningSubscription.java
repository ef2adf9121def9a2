package dev.chat.billing.plan;

import dev.chat.billing.stripe.StripeApi;
import dev.chat.billing.stripe.SubscriptionState;
import dev.chat.model.PlanTier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which subscription sets a workspace's plan once one of its customer's subscriptions changed. Normally the one that
 * changed; but a workspace keeps the subscription it has while that one runs (two checkouts paid at the same instant
 * must not make the plan flip between them), and when its subscription ends, another of the customer's that still
 * runs takes over. Stripe is asked where the workspace's record cannot tell, before the workspace row is locked.
 */
@ApplicationScoped
public class GoverningSubscription {

    private static final Logger LOG = Logger.getLogger(GoverningSubscription.class);

    private final StripeApi stripe;
    private final PlanRules rules;

    public GoverningSubscription(StripeApi stripe, PlanRules rules) {
        this.stripe = stripe;
        this.rules = rules;
    }

    /**
     * @param current the workspace's subscription as recorded, null for none
     * @param currentStatus its status as recorded
     * @return the subscription whose state to apply; empty when the change leaves the plan as it is
     */
    public Uni<Optional<SubscriptionState>> after(SubscriptionState changed, String current, String currentStatus) {
        if (current == null || current.equals(changed.id())) {
            return StripeApi.RUNNING.contains(changed.status()) ? Uni.createFrom().item(Optional.of(changed))
                    : successorOf(changed);
        }
        Instant now = Instant.now();
        if (rules.planFor(changed, PlanRules.pastDueSince(changed, null, now), now).tier() == PlanTier.FREE) {
            return Uni.createFrom().item(Optional.empty()); // e.g. an old subscription's late cancellation
        }
        if (!StripeApi.RUNNING.contains(currentStatus)) {
            return Uni.createFrom().item(Optional.of(changed));
        }
        return stripe.findSubscription(current).map(currentNow -> {
            if (currentNow.isPresent() && StripeApi.RUNNING.contains(currentNow.get().status())) {
                LOG.warnf("Subscription %s bills workspace %s; %s is a second running subscription for it: refund and "
                        + "cancel %s in Stripe", current, changed.workspaceId(), changed.id(), changed.id());
                return Optional.empty();
            }
            return Optional.of(changed);
        });
    }

    /** The workspace's subscription ended: another running one of the customer's takes over, if there is one. */
    private Uni<Optional<SubscriptionState>> successorOf(SubscriptionState ended) {
        return stripe.runningSubscriptions(ended.customerId()).chain(running -> running.stream()
                .filter(id -> !id.equals(ended.id())).findFirst()
                .map(successor -> stripe.subscription(successor).map(Optional::of))
                .orElseGet(() -> Uni.createFrom().item(Optional.of(ended))));
    }
}
