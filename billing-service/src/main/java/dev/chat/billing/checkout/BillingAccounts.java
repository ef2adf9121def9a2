package dev.chat.billing.checkout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** A workspace's billing account as its admins act on it: Stripe customer, subscription status, seats in use. */
@ApplicationScoped
public class BillingAccounts {

    /** The workspace and the caller's ($1 is their subject) role in it. */
    private static final String FOR_SUBJECT = """
            SELECT w.name, w.stripe_customer_id, w.subscription_status, wm.role, wm.status AS member_status,
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
        return new Account(row.getString("name"), row.getString("stripe_customer_id"),
                row.getString("subscription_status"), "admin".equals(row.getString("role")),
                "active".equals(row.getString("member_status")), row.getLong("seats_used"));
    }

    /** What a checkout or portal request is decided from. */
    public record Account(String workspaceName, String customerId, String subscriptionStatus, boolean admin,
                          boolean active, long seatsUsed) {
    }
}
