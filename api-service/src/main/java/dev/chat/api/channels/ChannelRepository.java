package dev.chat.api.channels;

import dev.chat.api.access.Membership;
import dev.chat.model.Channel;
import io.smallrye.mutiny.Uni;
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
import java.util.Optional;
import java.util.UUID;

/** Channels and their members. A private channel is read only through its membership. */
@ApplicationScoped
public class ChannelRepository {

    private static final String COLUMNS = """
            c.id, c.workspace_id, c.name, c.slug, c.visibility, c.topic, c.created_at, c.archived_at, c.created_by,
            EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $2) AS member""";

    private static final String VISIBLE_IN_WORKSPACE = "SELECT " + COLUMNS + """

            FROM channels c
            WHERE c.workspace_id = $1 AND c.kind = 'channel'
              AND EXISTS (SELECT 1 FROM readable_channels($2) r WHERE r.channel_id = c.id)
            ORDER BY c.archived_at IS NOT NULL, c.slug
            """;

    /**
     * The channel, and the caller's ($2 is their subject here) account, membership, channel membership and whether
     * they may read it (or could once their invite is accepted). A DM is no channel here: it has nothing of a
     * channel's to read or change (decision 0019).
     */
    private static final String FOR_SUBJECT = """
            SELECT c.id, c.workspace_id, c.name, c.slug, c.visibility, c.topic, c.created_at, c.archived_at,
                   c.created_by, u.id AS user_id, wm.role, wm.status,
                   EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = u.id) AS member,
                   EXISTS (SELECT 1 FROM readable_channels(u.id, true) r WHERE r.channel_id = c.id) AS readable
            FROM channels c
            LEFT JOIN users u ON u.idp_subject = $2
            LEFT JOIN workspace_members wm ON wm.workspace_id = c.workspace_id AND wm.user_id = u.id
            WHERE c.id = $1 AND c.kind = 'channel'
            """;

    private static final String CREATE = """
            WITH created AS (
                INSERT INTO channels (id, workspace_id, name, slug, visibility, topic, created_by, created_at)
                VALUES ($1, $3, $4, $5, $6, $7, $2, $8)
                ON CONFLICT (workspace_id, slug) DO NOTHING
                RETURNING *
            ), creator AS (
                INSERT INTO channel_members (channel_id, user_id, created_at) SELECT id, $2, $8 FROM created
            )
            SELECT c.id, c.workspace_id, c.name, c.slug, c.visibility, c.topic, c.created_at, c.archived_at,
                   c.created_by, true AS member
            FROM created c
            """;

    private static final String SET_TOPIC = "UPDATE channels SET topic = $2 WHERE id = $1 AND archived_at IS NULL";
    private static final String ARCHIVE = """
            UPDATE channels SET archived_at = now() WHERE id = $1 AND archived_at IS NULL
            """;
    private static final String ADD_MEMBER = """
            INSERT INTO channel_members (channel_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
            """;
    private static final String REMOVE_MEMBER = "DELETE FROM channel_members WHERE channel_id = $1 AND user_id = $2";

    /** The channels the user may see in the workspace, each with what they have not read of it. */
    public Uni<List<Channel>> listedFor(SqlClient client, UUID workspaceId, UUID userId) {
        return client.preparedQuery(ReadPositions.LISTED).execute(Tuple.of(workspaceId, userId)).map(rows -> {
            List<Channel> channels = new ArrayList<>();
            rows.forEach(row -> channels.add(toChannel(row).withUnread(
                    ReadPositions.unread(row, row.getUUID("last_read_message_id")))));
            return channels;
        });
    }

    public Uni<List<Channel>> visibleIn(SqlClient client, UUID workspaceId, UUID userId) {
        return client.preparedQuery(VISIBLE_IN_WORKSPACE).execute(Tuple.of(workspaceId, userId)).map(rows -> {
            List<Channel> channels = new ArrayList<>();
            rows.forEach(row -> channels.add(toChannel(row)));
            return channels;
        });
    }

    /** The channel as the caller would see it, with their membership; whatever they may see (callers decide). */
    public Uni<Optional<CallerView>> forSubject(SqlClient client, UUID channelId, String subject) {
        return client.preparedQuery(FOR_SUBJECT).execute(Tuple.of(channelId, subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toView(rows.iterator().next())));
    }

    /** @return the channel, or empty when the workspace already has one with this slug */
    public Uni<Optional<Channel>> create(SqlClient client, UUID id, UUID creator, UUID workspaceId, String name,
                                         String slug, Channel.Visibility visibility, String topic, Instant at) {
        Tuple parameters = Tuple.tuple().addUUID(id).addUUID(creator).addUUID(workspaceId).addString(name)
                .addString(slug).addString(visibility.wireName()).addString(topic)
                .addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
        return client.preparedQuery(CREATE).execute(parameters)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toChannel(rows.iterator().next())));
    }

    public Uni<Boolean> setTopic(SqlClient client, UUID channelId, String topic) {
        return client.preparedQuery(SET_TOPIC).execute(Tuple.of(channelId, topic)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> archive(SqlClient client, UUID channelId) {
        return client.preparedQuery(ARCHIVE).execute(Tuple.of(channelId)).map(rows -> rows.rowCount() == 1);
    }

    /** @return whether the user was not a member before */
    public Uni<Boolean> addMember(SqlClient client, UUID channelId, UUID userId) {
        return client.preparedQuery(ADD_MEMBER).execute(Tuple.of(channelId, userId)).map(rows -> rows.rowCount() == 1);
    }

    /** @return whether the user was a member */
    public Uni<Boolean> removeMember(SqlClient client, UUID channelId, UUID userId) {
        return client.preparedQuery(REMOVE_MEMBER).execute(Tuple.of(channelId, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * A channel, who created it, the caller's membership of its workspace (empty when they have none), and whether
     * the caller may read it (counting an invite not yet accepted).
     */
    public record CallerView(Channel channel, UUID createdBy, Optional<Membership> membership, boolean readable) {
    }

    private static CallerView toView(Row row) {
        Optional<Membership> membership = row.getString("status") == null ? Optional.empty()
                : Optional.of(Membership.of(row));
        return new CallerView(toChannel(row), row.getUUID("created_by"), membership, row.getBoolean("readable"));
    }

    private static Channel toChannel(Row row) {
        return new Channel(row.getUUID("id"), row.getUUID("workspace_id"), row.getString("name"),
                row.getString("slug"), Channel.Visibility.valueOf(row.getString("visibility").toUpperCase(Locale.ROOT)),
                row.getString("topic"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("archived_at")), row.getBoolean("member"), null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
