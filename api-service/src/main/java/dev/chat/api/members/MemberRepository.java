package dev.chat.api.members;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Workspace membership: who belongs to a workspace, with which role and status. */
@ApplicationScoped
public class MemberRepository {

    private static final String OF_SUBJECT = """
            SELECT u.id AS user_id, wm.role, wm.status
            FROM users u JOIN workspace_members wm ON wm.user_id = u.id AND wm.workspace_id = $2
            WHERE u.idp_subject = $1
            """;

    private static final String OF_USER = """
            SELECT user_id, role, status FROM workspace_members WHERE user_id = $1 AND workspace_id = $2
            """;

    /** The caller's membership of the workspace; empty when they have no account or are not in it. */
    public Uni<Optional<Membership>> ofSubject(SqlClient client, String subject, UUID workspaceId) {
        return client.preparedQuery(OF_SUBJECT).execute(Tuple.of(subject, workspaceId)).map(MemberRepository::first);
    }

    public Uni<Optional<Membership>> ofUser(SqlClient client, UUID userId, UUID workspaceId) {
        return client.preparedQuery(OF_USER).execute(Tuple.of(userId, workspaceId)).map(MemberRepository::first);
    }

    private static Optional<Membership> first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Membership(row.getUUID("user_id"), row.getString("role"), row.getString("status")));
    }

    /** One user's place in one workspace. */
    public record Membership(UUID userId, String role, String status) {

        public boolean active() {
            return "active".equals(status);
        }

        public boolean admin() {
            return active() && "admin".equals(role);
        }
    }
}
