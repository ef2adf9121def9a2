package dev.chat.billing.plan;

import dev.chat.billing.stripe.StripeApi;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Ends payment grace periods on time: no Stripe event marks the moment a failed payment's grace runs out, so every
 * Pro workspace whose subscription is past due is read from Stripe again periodically and its plan set from that.
 */
@ApplicationScoped
public class GraceCheck {

    private static final Logger LOG = Logger.getLogger(GraceCheck.class);

    private final StripeApi stripe;
    private final WorkspacePlans plans;
    private final SubscriptionSync sync;

    public GraceCheck(StripeApi stripe, WorkspacePlans plans, SubscriptionSync sync) {
        this.stripe = stripe;
        this.plans = plans;
        this.sync = sync;
    }

    @Scheduled(every = "${chat.plans.pro.grace-check-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return stripe.configured() ? run() : Uni.createFrom().voidItem();
    }

    /** Re-reads each past-due subscription; one that fails is tried again next time. */
    public Uni<Void> run() {
        return plans.pastDueSubscriptions().onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> sync.refresh(id)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Grace check of subscription %s failed: %s", id, failure.getMessage());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }
}
