package dev.chat.billing.plan;

import dev.chat.billing.plan.WorkspacePlans.Outcome;
import dev.chat.billing.stripe.StripeApi;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Brings a workspace's plan to where its Stripe subscription is now, in one transaction: the subscription's lock is
 * taken first, then the subscription is read from Stripe, then the plan is set. Two deliveries about one subscription
 * never overlap, so the later writer has read the later state: whatever order Stripe delivers in, the last commit
 * reflects Stripe's latest truth. A delivery that finds the subscription busy waits a little, holding no connection,
 * and is answered 503 if it stays busy (Stripe delivers it again later), so a burst of events about one subscription
 * holds one connection, not one each.
 */
@ApplicationScoped
public class SubscriptionSync {

    private static final Logger LOG = Logger.getLogger(SubscriptionSync.class);

    /** How long a delivery waits for a busy subscription, in all: 6 × 250 ms. */
    private static final int BUSY_RETRIES = 6;
    private static final Duration BUSY_WAIT = Duration.ofMillis(250);

    private final Pool pool;
    private final EventTransactions transactions;
    private final StripeApi stripe;
    private final WorkspacePlans plans;

    public SubscriptionSync(Pool pool, EventTransactions transactions, StripeApi stripe, WorkspacePlans plans) {
        this.pool = pool;
        this.transactions = transactions;
        this.stripe = stripe;
        this.plans = plans;
    }

    /**
     * For a Stripe event, recorded in the same transaction: a duplicate changes nothing. A subscription busy with
     * another delivery is tried again a few times, without holding a connection meanwhile, before Stripe is told to
     * deliver again later: the events a checkout sends together then apply one after the other at once.
     */
    public Uni<Outcome> onEvent(String eventId, String eventType, String subscriptionId, UUID workspaceHint) {
        return whenFree(() -> transactions.run(tx -> plans.tryLockSubscription(tx, subscriptionId)
                .invoke(locked -> {
                    if (!locked) {
                        throw new SubscriptionBusyException();
                    }
                })
                .chain(() -> plans.record(tx, eventId, eventType))
                .chain(recorded -> !recorded ? Uni.createFrom().item(Outcome.DUPLICATE)
                        : stripe.findSubscription(subscriptionId).chain(found -> found.isEmpty()
                                ? unknownSubscription(eventId, subscriptionId)
                                : plans.applyState(tx, eventId, found.get(), workspaceHint)))),
                BUSY_RETRIES);
    }

    /**
     * An event about a subscription this Stripe account has never had (Stripe keeps deleted ones retrievable): there
     * is nothing to apply, and asking Stripe to deliver it again would not change that. It stays recorded.
     */
    private static Uni<Outcome> unknownSubscription(String eventId, String subscriptionId) {
        LOG.warnf("Stripe event %s concerns subscription %s, which Stripe does not know: ignored", eventId,
                subscriptionId);
        return Uni.createFrom().item(Outcome.IGNORED);
    }

    private static Uni<Outcome> whenFree(Supplier<Uni<Outcome>> attempt, int retriesLeft) {
        return attempt.get().onFailure(SubscriptionBusyException.class).recoverWithUni(busy -> retriesLeft == 0
                ? Uni.createFrom().failure(busy)
                : Uni.createFrom().voidItem().onItem().delayIt().by(BUSY_WAIT)
                        .chain(() -> whenFree(attempt, retriesLeft - 1)));
    }

    /** Without an event (the grace-period check); a subscription being handled now is left to that delivery. */
    public Uni<Outcome> refresh(String subscriptionId) {
        return transactions.run(tx -> plans.tryLockSubscription(tx, subscriptionId)
                .chain(locked -> !locked ? Uni.createFrom().item(Outcome.IGNORED)
                        : stripe.subscription(subscriptionId)
                                .chain(subscription -> plans.applyState(tx, null, subscription, null))));
    }

    /** Records an event that concerns no subscription, so that its redeliveries are recognized. */
    public Uni<Outcome> recordOnly(String eventId, String eventType) {
        return pool.withTransaction(tx -> plans.record(tx, eventId, eventType)
                .map(recorded -> recorded ? Outcome.IGNORED : Outcome.DUPLICATE));
    }
}
