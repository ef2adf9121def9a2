package dev.chat.billing.plan;

import dev.chat.billing.stripe.SubscriptionState;
import dev.chat.model.EventType;
import dev.chat.model.PlanTier;
import dev.chat.model.Room;
import dev.chat.model.events.PlanChanged;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The workspace side of billing: Stripe events recorded once, and the plan a subscription's current state gives set
 * on its workspace (docs/decisions/0006-stripe-source-of-truth.md). {@link SubscriptionSync} runs these in one
 * transaction.
 */
@ApplicationScoped
public class WorkspacePlans {

    /**
     * Namespace of the subscription locks: the two-int advisory key space, apart from the relay's bigint lock. Tried,
     * never waited for in the database: a delivery that finds the subscription busy gives its connection back and
     * tries again shortly ({@link SubscriptionSync}), rather than holding one of the few connections while another
     * delivery waits on Stripe.
     */
    private static final String TRY_LOCK_SUBSCRIPTION = "SELECT pg_try_advisory_xact_lock(1937011298, hashtext($1))";

    private static final String RECORD_EVENT = """
            INSERT INTO processed_billing_events (event_id, event_type) VALUES ($1, $2) ON CONFLICT DO NOTHING
            """;

    private static final String ALREADY_PROCESSED = "SELECT 1 FROM processed_billing_events WHERE event_id = $1";

    /** The workspace the subscription names, else the one its customer belongs to. */
    private static final String WORKSPACE = """
            SELECT id, subscription_status, stripe_subscription_id FROM workspaces
            WHERE CASE WHEN $1::uuid IS NOT NULL THEN id = $1 ELSE stripe_customer_id = $2 END
            """;

    /** The workspace's plan, locked until commit as seat changes lock it. */
    private static final String LOCK_WORKSPACE = """
            SELECT id, plan_tier, seat_limit, ai_budget_limit, subscription_status, stripe_subscription_id,
                   past_due_since
            FROM workspaces WHERE id = $1
            FOR NO KEY UPDATE
            """;

    private static final String SET_PLAN = """
            UPDATE workspaces
            SET plan_tier = $2, seat_limit = coalesce($3, free_plan_seat_limit()),
                ai_budget_limit = coalesce($4, free_plan_ai_budget_limit()), subscription_status = $5,
                stripe_subscription_id = $6, stripe_customer_id = coalesce(stripe_customer_id, $7), past_due_since = $8
            WHERE id = $1
            RETURNING plan_tier, seat_limit, ai_budget_limit, subscription_status
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
    private final OutboxWriter outbox;
    private final PlanRules rules;
    private final GoverningSubscription governing;

    public WorkspacePlans(Pool pool, OutboxWriter outbox, PlanRules rules, GoverningSubscription governing) {
        this.pool = pool;
        this.outbox = outbox;
        this.rules = rules;
        this.governing = governing;
    }

    public Uni<Boolean> alreadyProcessed(String eventId) {
        return pool.preparedQuery(ALREADY_PROCESSED).execute(Tuple.of(eventId)).map(rows -> rows.size() > 0);
    }

    /**
     * Serializes the handling of one subscription (a transaction-scoped lock, in a key space of its own).
     *
     * @return false when another transaction holds it
     */
    public Uni<Boolean> tryLockSubscription(SqlClient tx, String subscriptionId) {
        return tx.preparedQuery(TRY_LOCK_SUBSCRIPTION).execute(Tuple.of(subscriptionId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** @return false when the event was recorded before (a duplicate delivery) */
    public Uni<Boolean> record(SqlClient tx, String eventId, String eventType) {
        return tx.preparedQuery(RECORD_EVENT).execute(Tuple.of(eventId, eventType)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Sets the plan of the subscription's workspace from the state of the subscription that governs it now
     * ({@link GoverningSubscription}): usually this one; nothing changes when it does not govern.
     *
     * @param eventId the event that triggered this, linked to the workspace; null for none
     */
    public Uni<Outcome> applyState(SqlClient tx, String eventId, SubscriptionState subscription, UUID workspaceHint) {
        UUID named = parse(subscription.workspaceId());
        UUID workspaceId = named != null ? named : workspaceHint;
        return tx.preparedQuery(WORKSPACE).execute(Tuple.of(workspaceId, subscription.customerId())).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Outcome.IGNORED);
            }
            Row seen = rows.iterator().next();
            UUID id = seen.getUUID("id");
            String current = seen.getString("stripe_subscription_id");
            Uni<Void> linked = eventId == null ? Uni.createFrom().voidItem()
                    : tx.preparedQuery(EVENT_WORKSPACE).execute(Tuple.of(eventId, id)).replaceWithVoid();
            return governing.after(subscription, current, seen.getString("subscription_status"))
                    .chain(governs -> governs.isEmpty() ? linked.replaceWith(Outcome.IGNORED)
                            : tx.preparedQuery(LOCK_WORKSPACE).execute(Tuple.of(id)).chain(locked -> {
                                if (locked.size() == 0) {
                                    return Uni.createFrom().item(Outcome.IGNORED);
                                }
                                Row workspace = locked.iterator().next();
                                if (!Objects.equals(current, workspace.getString("stripe_subscription_id"))) {
                                    // Another subscription's delivery changed it meanwhile: decide again.
                                    throw new SubscriptionBusyException();
                                }
                                return linked.chain(() -> apply(tx, workspace, governs.get()))
                                        .replaceWith(Outcome.APPLIED);
                            }));
        });
    }

    private Uni<Void> apply(SqlClient tx, Row workspace, SubscriptionState subscription) {
        Instant now = Instant.now();
        // The recorded start of a grace period belongs to the workspace's current subscription only.
        OffsetDateTime recorded = subscription.id().equals(workspace.getString("stripe_subscription_id"))
                ? workspace.getOffsetDateTime("past_due_since") : null;
        Instant pastDueSince = PlanRules.pastDueSince(subscription, recorded == null ? null : recorded.toInstant(),
                now);
        Plan plan = rules.planFor(subscription, pastDueSince, now);
        return setPlan(tx, workspace.getUUID("id"), workspace, subscription, plan, pastDueSince);
    }

    /** The subscriptions in their payment grace period, whose limits change when it ends. */
    public Uni<List<String>> pastDueSubscriptions() {
        return pool.query(PAST_DUE).execute().map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("stripe_subscription_id")));
            return ids;
        });
    }

    private Uni<Void> setPlan(SqlClient tx, UUID workspaceId, Row before, SubscriptionState subscription, Plan plan,
                              Instant pastDueSince) {
        Tuple values = Tuple.tuple().addUUID(workspaceId).addString(plan.tier().wireName())
                .addInteger(plan.seatLimit()).addLong(plan.aiBudgetLimit()).addString(plan.subscriptionStatus())
                .addString(subscription.id()).addString(subscription.customerId())
                .addOffsetDateTime(pastDueSince == null ? null : pastDueSince.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(SET_PLAN).execute(values).map(rows -> rows.iterator().next())
                .chain(after -> changed(before, after) ? announce(tx, workspaceId, after) : Uni.createFrom().voidItem());
    }

    private static boolean changed(Row before, Row after) {
        return !before.getString("plan_tier").equals(after.getString("plan_tier"))
                || !before.getInteger("seat_limit").equals(after.getInteger("seat_limit"))
                || !before.getLong("ai_budget_limit").equals(after.getLong("ai_budget_limit"))
                || !Objects.equals(before.getString("subscription_status"), after.getString("subscription_status"));
    }

    /** workspace.plan_changed to the admins' user rooms, or to the workspace room when it has no active admin. */
    private Uni<Void> announce(SqlClient tx, UUID workspaceId, Row plan) {
        return tx.preparedQuery(ADMINS).execute(Tuple.of(workspaceId)).chain(admins -> {
            List<Room> rooms = new ArrayList<>();
            admins.forEach(row -> rooms.add(Room.user(row.getUUID("user_id"))));
            if (rooms.isEmpty()) {
                rooms.add(Room.workspace(workspaceId));
            }
            return outbox.append(tx, outbox.event(EventType.WORKSPACE_PLAN_CHANGED, workspaceId, Instant.now(),
                    new PlanChanged(PlanTier.valueOf(plan.getString("plan_tier").toUpperCase(Locale.ROOT)),
                            plan.getInteger("seat_limit"), plan.getLong("ai_budget_limit"),
                            plan.getString("subscription_status")),
                    rooms));
        });
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
