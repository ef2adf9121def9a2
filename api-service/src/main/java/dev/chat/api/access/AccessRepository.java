package dev.chat.api.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads the facts authorization decisions are made from. Always from the database, never from token claims. */
@ApplicationScoped
public class AccessRepository {

    private static final String CHANNEL_ACCESS = """
            SELECT u.id AS user_id, c.id AS channel_id, c.workspace_id, c.visibility = 'private' AS private_channel,
                   c.archived_at IS NOT NULL AS archived, wm.status AS member_status,
                   EXISTS (SELECT 1 FROM channel_members cm
                           WHERE cm.channel_id = c.id AND cm.user_id = u.id) AS channel_member
            FROM (SELECT $2::uuid AS requested_channel) r
            LEFT JOIN users u ON u.idp_subject = $1
            LEFT JOIN channels c ON c.id = r.requested_channel
            LEFT JOIN workspace_members wm ON wm.workspace_id = c.workspace_id AND wm.user_id = u.id
            """;

    public Uni<ChannelAccess> channelAccess(SqlClient client, String subject, UUID channelId) {
        return client.preparedQuery(CHANNEL_ACCESS).execute(Tuple.of(subject, channelId))
                .map(rows -> toAccess(rows.iterator().next()));
    }

    private static ChannelAccess toAccess(Row row) {
        return new ChannelAccess(row.getUUID("user_id"), row.getUUID("channel_id"), row.getUUID("workspace_id"),
                Boolean.TRUE.equals(row.getBoolean("private_channel")), Boolean.TRUE.equals(row.getBoolean("archived")),
                row.getString("member_status"), Boolean.TRUE.equals(row.getBoolean("channel_member")));
    }
}
