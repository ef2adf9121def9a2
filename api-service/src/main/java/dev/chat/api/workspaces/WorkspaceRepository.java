package dev.chat.api.workspaces;

import dev.chat.model.PlanTier;
import dev.chat.model.Workspace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class WorkspaceRepository {

    private static final String NAME = "SELECT name FROM workspaces WHERE id = $1";

    private static final String OF_ORGANIZATION = "SELECT id FROM workspaces WHERE org_id = $1";

    private static final String SLUGS_LIKE = "SELECT slug FROM workspaces WHERE slug = $1 OR slug LIKE $1 || '-%'";

    /**
     * The workspace on the Free plan (whose limits are the schema's defaults), its creator as active admin, and
     * #general with the creator in it, in one statement. A conflict on the organization or the slug (another signup
     * won the race) inserts nothing and returns no row.
     */
    private static final String CREATE = """
            WITH workspace AS (
                INSERT INTO workspaces (id, name, slug, org_id, plan_tier, created_at)
                VALUES ($1, $2, $3, $4, 'free', $5)
                ON CONFLICT DO NOTHING
                RETURNING id, name, slug, plan_tier, seat_limit, created_at
            ), admin AS (
                INSERT INTO workspace_members (workspace_id, user_id, role, status, created_at, joined_at)
                SELECT id, $6, 'admin', 'active', $5, $5 FROM workspace
            ), general AS (
                INSERT INTO channels (id, workspace_id, name, slug, visibility, created_by, created_at)
                SELECT $7, id, 'general', 'general', 'public', $6, $5 FROM workspace
                RETURNING id
            ), creator_in_general AS (
                INSERT INTO channel_members (channel_id, user_id, created_at) SELECT id, $6, $5 FROM general
            )
            SELECT id, name, slug, plan_tier, seat_limit, created_at FROM workspace
            """;

    private static final String OF_USER = """
            SELECT w.id, w.name, w.slug, w.plan_tier, wm.role
            FROM workspace_members wm JOIN workspaces w ON w.id = wm.workspace_id
            WHERE wm.user_id = $1 AND wm.status = 'active'
            ORDER BY lower(w.name), w.id
            """;

    public Uni<String> name(SqlClient client, UUID workspaceId) {
        return client.preparedQuery(NAME).execute(Tuple.of(workspaceId))
                .map(rows -> rows.iterator().next().getString("name"));
    }

    public Uni<Optional<UUID>> ofOrganization(SqlClient client, String orgId) {
        return client.preparedQuery(OF_ORGANIZATION).execute(Tuple.of(orgId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** The slugs already taken among {@code base} and {@code base-N}. */
    public Uni<Set<String>> slugsLike(SqlClient client, String base) {
        return client.preparedQuery(SLUGS_LIKE).execute(Tuple.of(base)).map(rows -> {
            Set<String> taken = new HashSet<>();
            rows.forEach(row -> taken.add(row.getString("slug")));
            return taken;
        });
    }

    /** @return the workspace, or empty when the organization or the slug was taken meanwhile */
    public Uni<Optional<Workspace>> create(SqlClient client, NewWorkspace workspace) {
        Tuple parameters = Tuple.tuple().addUUID(workspace.id()).addString(workspace.name()).addString(workspace.slug())
                .addString(workspace.orgId()).addOffsetDateTime(workspace.createdAt().atOffset(ZoneOffset.UTC)).addUUID(workspace.creatorId())
                .addUUID(workspace.generalChannelId());
        return client.preparedQuery(CREATE).execute(parameters)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toWorkspace(rows.iterator().next())));
    }

    public Uni<List<Membership>> ofUser(SqlClient client, UUID userId) {
        return client.preparedQuery(OF_USER).execute(Tuple.of(userId)).map(rows -> {
            List<Membership> memberships = new ArrayList<>();
            for (Row row : rows) {
                memberships.add(new Membership(row.getUUID("id"), row.getString("name"), row.getString("slug"),
                        planTier(row), row.getString("role")));
            }
            return memberships;
        });
    }

    /** What a signup writes. */
    public record NewWorkspace(UUID id, String name, String slug, String orgId, Instant createdAt, UUID creatorId,
                               UUID generalChannelId) {
    }

    /** A workspace the caller is an active member of, with their role. */
    public record Membership(UUID id, String name, String slug, PlanTier planTier, String role) {
    }

    private static Workspace toWorkspace(Row row) {
        return new Workspace(row.getUUID("id"), row.getString("name"), row.getString("slug"), planTier(row),
                row.getInteger("seat_limit"), row.getOffsetDateTime("created_at").toInstant());
    }

    private static PlanTier planTier(Row row) {
        return PlanTier.valueOf(row.getString("plan_tier").toUpperCase(Locale.ROOT));
    }
}
