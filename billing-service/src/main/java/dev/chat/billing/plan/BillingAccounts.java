package dev.chat.billing.plan;

import dev.chat.model.PlanTier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A workspace's billing account as the caller sees it: plan, limits, Stripe customer and subscription status, seats
 * in use, and the caller's own standing in the workspace, read in one statement.
 */
@ApplicationScoped
public class BillingAccounts {

    /** The workspace and the caller's ($1 is their subject) role in it. */
    private static final String FOR_SUBJECT = """
            SELECT w.name, w.plan_tier, w.seat_limit, w.ai_budget_limit, w.stripe_customer_id, w.subscription_status,
                   wm.role, wm.status AS member_status,
                   (SELECT count(*) FROM workspace_members seats WHERE seats.workspace_id = w.id) AS seats_used
            FROM workspaces w
            JOIN users u ON u.idp_subject = $1
            JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = u.id
            WHERE w.id = $2
            """;

    /** Keeps the first customer stored: a concurrent checkout's customer (the same one, by idempotency key) wins. */
    private static final String STORE_CUSTOMER = """
            UPDATE workspaces SET stripe_customer_id = coalesce(stripe_customer_id, $2) WHERE id = $1
            RETURNING stripe_customer_id
            """;

    private final Pool pool;

    public BillingAccounts(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Account>> forSubject(String subject, UUID workspaceId) {
        return pool.preparedQuery(FOR_SUBJECT).execute(Tuple.of(subject, workspaceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAccount(rows.iterator().next())));
    }

    /** @return the workspace's customer id after storing (the one stored first) */
    public Uni<String> storeCustomer(UUID workspaceId, String customerId) {
        return pool.preparedQuery(STORE_CUSTOMER).execute(Tuple.of(workspaceId, customerId))
                .map(rows -> rows.iterator().next().getString("stripe_customer_id"));
    }

    private static Account toAccount(Row row) {
        BillingStatus status = new BillingStatus(PlanTier.valueOf(row.getString("plan_tier").toUpperCase(Locale.ROOT)),
                row.getInteger("seat_limit"), row.getLong("seats_used").intValue(), row.getLong("ai_budget_limit"),
                row.getString("subscription_status"));
        return new Account(row.getString("name"), row.getString("stripe_customer_id"), status,
                "admin".equals(row.getString("role")), "active".equals(row.getString("member_status")));
    }

    /** What billing requests are decided from: the workspace's account and the caller's standing in it. */
    public record Account(String workspaceName, String customerId, BillingStatus status, boolean admin,
                          boolean active) {

        public String subscriptionStatus() {
            return status.subscriptionStatus();
        }

        public long seatsUsed() {
            return status.seatsUsed();
        }
    }
}
