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

@ApplicationScoped
public class BillingRepository {

    /** The workspace's plan and the caller's ($1 is their subject) membership, in one statement. */
    private static final String STATUS_FOR_SUBJECT = """
            SELECT w.plan_tier, w.seat_limit, w.ai_budget_limit, w.subscription_status, wm.status AS member_status,
                   (SELECT count(*) FROM workspace_members seats WHERE seats.workspace_id = w.id) AS seats_used
            FROM workspaces w
            JOIN users u ON u.idp_subject = $1
            JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = u.id
            WHERE w.id = $2
            """;

    private final Pool pool;

    public BillingRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return empty when the workspace does not exist or the caller is not in it */
    public Uni<Optional<MemberView>> statusFor(String subject, UUID workspaceId) {
        return pool.preparedQuery(STATUS_FOR_SUBJECT).execute(Tuple.of(subject, workspaceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toView(rows.iterator().next())));
    }

    private static MemberView toView(Row row) {
        BillingStatus status = new BillingStatus(PlanTier.valueOf(row.getString("plan_tier").toUpperCase(Locale.ROOT)),
                row.getInteger("seat_limit"), row.getLong("seats_used").intValue(), row.getLong("ai_budget_limit"),
                row.getString("subscription_status"));
        return new MemberView("active".equals(row.getString("member_status")), status);
    }

    /** The plan, and whether the caller is an active member. */
    public record MemberView(boolean active, BillingStatus status) {
    }
}
