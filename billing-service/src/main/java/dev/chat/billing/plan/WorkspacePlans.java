package dev.chat.billing.plan;

import dev.chat.billing.outbox.BillingOutbox;
import dev.chat.billing.stripe.SubscriptionState;
import dev.chat.model.EventType;
import dev.chat.model.PlanTier;
import dev.chat.model.Room;
import dev.chat.model.events.PlanChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Applies a Stripe event's outcome to its workspace: the event id is recorded in the same transaction as the
 * change, so a delivery seen before changes nothing (brief decision 7).
 */
@ApplicationScoped
public class WorkspacePlans {

    private static final String RECORD_EVENT = """
            INSERT INTO processed_billing_events (event_id, event_type) VALUES ($1, $2) ON CONFLICT DO NOTHING
            """;

    private static final String ALREADY_PROCESSED = "SELECT 1 FROM processed_billing_events WHERE event_id = $1";

    /** The workspace the subscription names, else the one its customer belongs to; locked until commit. */
    private static final String WORKSPACE = """
            SELECT id, plan_tier, seat_limit, ai_budget_limit, subscription_status, stripe_subscription_id
            FROM workspaces
            WHERE CASE WHEN $1::uuid IS NOT NULL THEN id = $1 ELSE stripe_customer_id = $2 END
            FOR UPDATE
            """;

    private static final String SET_PLAN = """
            UPDATE workspaces
            SET plan_tier = $2, seat_limit = $3, ai_budget_limit = $4, subscription_status = $5,
                stripe_subscription_id = $6, stripe_customer_id = coalesce(stripe_customer_id, $7)
            WHERE id = $1
            """;

    private static final String EVENT_WORKSPACE = """
            UPDATE processed_billing_events SET workspace_id = $2 WHERE event_id = $1
            """;

    private static final String PAST_DUE = """
            SELECT stripe_subscription_id FROM workspaces
            WHERE subscription_status = 'past_due' AND plan_tier = 'pro' AND stripe_subscription_id IS NOT NULL
            """;

    private static final String ADMINS = """
            SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND role = 'admin' AND status = 'active'
            """;

    private final Pool pool;
    private final BillingOutbox outbox;

    public WorkspacePlans(Pool pool, BillingOutbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    public Uni<Boolean> alreadyProcessed(String eventId) {
        return pool.preparedQuery(ALREADY_PROCESSED).execute(Tuple.of(eventId)).map(rows -> rows.size() > 0);
    }

    /** Records an event that concerns no subscription, so that its redeliveries are recognized. */
    public Uni<Outcome> recordOnly(String eventId, String eventType) {
        return pool.withTransaction(tx -> record(tx, eventId, eventType)
                .map(recorded -> recorded ? Outcome.IGNORED : Outcome.DUPLICATE));
    }

    /**
     * Sets the plan of the subscription's workspace, recording the event in the same transaction. A subscription
     * that is not the workspace's own and would not give it Pro (an old one's cancellation arriving late) changes
     * nothing.
     */
    public Uni<Outcome> apply(String eventId, String eventType, SubscriptionState subscription, UUID workspaceHint,
                              Plan plan) {
        return pool.withTransaction(tx -> record(tx, eventId, eventType).chain(recorded -> !recorded
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : applyState(tx, eventId, subscription, workspaceHint, plan)));
    }

    /** Sets the plan from the subscription as it is now, outside any event (the grace-period check). */
    public Uni<Outcome> refresh(SubscriptionState subscription, Plan plan) {
        return pool.withTransaction(tx -> applyState(tx, null, subscription, null, plan));
    }

    private Uni<Outcome> applyState(SqlClient tx, String eventId, SubscriptionState subscription, UUID workspaceHint,
                                    Plan plan) {
        UUID named = parse(subscription.workspaceId());
        UUID workspaceId = named != null ? named : workspaceHint;
        return tx.preparedQuery(WORKSPACE).execute(Tuple.of(workspaceId, subscription.customerId())).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Outcome.IGNORED);
            }
            Row workspace = rows.iterator().next();
            UUID id = workspace.getUUID("id");
            String current = workspace.getString("stripe_subscription_id");
            Uni<Void> linked = eventId == null ? Uni.createFrom().voidItem()
                    : tx.preparedQuery(EVENT_WORKSPACE).execute(Tuple.of(eventId, id)).replaceWithVoid();
            if (current != null && !current.equals(subscription.id()) && plan.tier() == PlanTier.FREE) {
                return linked.replaceWith(Outcome.IGNORED);
            }
            return linked.chain(() -> setPlan(tx, id, workspace, subscription, plan)).replaceWith(Outcome.APPLIED);
        });
    }

    /** The subscriptions in their payment grace period, whose limits change when it ends. */
    public Uni<List<String>> pastDueSubscriptions() {
        return pool.query(PAST_DUE).execute().map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("stripe_subscription_id")));
            return ids;
        });
    }

    private Uni<Void> setPlan(SqlClient tx, UUID workspaceId, Row before, SubscriptionState subscription, Plan plan) {
        Tuple values = Tuple.tuple().addUUID(workspaceId).addString(plan.tier().wireName())
                .addInteger(plan.seatLimit()).addLong(plan.aiBudgetLimit()).addString(plan.subscriptionStatus())
                .addString(subscription.id()).addString(subscription.customerId());
        boolean changed = !before.getString("plan_tier").equals(plan.tier().wireName())
                || before.getInteger("seat_limit") != plan.seatLimit()
                || before.getLong("ai_budget_limit") != plan.aiBudgetLimit()
                || !Objects.equals(before.getString("subscription_status"), plan.subscriptionStatus());
        Uni<Void> updated = tx.preparedQuery(SET_PLAN).execute(values).replaceWithVoid();
        if (!changed) {
            return updated;
        }
        return updated.chain(() -> tx.preparedQuery(ADMINS).execute(Tuple.of(workspaceId))).chain(admins -> {
            List<Room> rooms = new ArrayList<>();
            admins.forEach(row -> rooms.add(Room.user(row.getUUID("user_id"))));
            if (rooms.isEmpty()) {
                rooms.add(Room.workspace(workspaceId));
            }
            return outbox.append(tx, EventType.WORKSPACE_PLAN_CHANGED, workspaceId, new PlanChanged(plan.tier(),
                    plan.seatLimit(), plan.aiBudgetLimit(), plan.subscriptionStatus()), rooms);
        });
    }

    private static Uni<Boolean> record(SqlClient tx, String eventId, String eventType) {
        return tx.preparedQuery(RECORD_EVENT).execute(Tuple.of(eventId, eventType)).map(rows -> rows.rowCount() == 1);
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What a delivery did. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
