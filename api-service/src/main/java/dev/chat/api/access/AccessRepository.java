package dev.chat.api.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the facts authorization decisions are made from, always from the database, never from token claims. Who may
 * read a channel is the schema's {@code readable_channels} (docs/decisions/0007-authorization-from-the-database.md).
 */
@ApplicationScoped
public class AccessRepository {

    private static final String MEMBERSHIP = """
            SELECT u.id AS user_id, wm.role, wm.status
            FROM users u JOIN workspace_members wm ON wm.user_id = u.id AND wm.workspace_id = $2
            WHERE u.idp_subject = $1
            """;

    /** The channel as the caller may read it, or would once their invite is accepted; no row otherwise. */
    static final String CHANNEL_ACCESS = """
            SELECT u.id AS user_id, c.id AS channel_id, c.workspace_id, c.visibility = 'private' AS private_channel,
                   c.archived_at IS NOT NULL AS archived, r.member_status
            FROM users u
            JOIN readable_channels(u.id, true) r ON r.channel_id = $2
            JOIN channels c ON c.id = r.channel_id
            WHERE u.idp_subject = $1
            """;

    /** The caller's membership of the workspace; empty when they have none (or no account yet). */
    public Uni<Optional<Membership>> membership(SqlClient client, String subject, UUID workspaceId) {
        return client.preparedQuery(MEMBERSHIP).execute(Tuple.of(subject, workspaceId)).map(Membership::first);
    }

    /** Empty when the caller may not read the channel, whether or not it exists. */
    public Uni<Optional<ChannelAccess>> channelAccess(SqlClient client, String subject, UUID channelId) {
        return client.preparedQuery(CHANNEL_ACCESS).execute(Tuple.of(subject, channelId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAccess(rows.iterator().next())));
    }

    private static ChannelAccess toAccess(Row row) {
        return new ChannelAccess(row.getUUID("user_id"), row.getUUID("channel_id"), row.getUUID("workspace_id"),
                row.getBoolean("private_channel"), row.getBoolean("archived"), row.getString("member_status"));
    }
}
