package dev.chat.api.channels;

import dev.chat.model.ChannelUnread;
import dev.chat.model.Limits;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Where members have read channels up to, and what they have not read (decision 0018). Counting walks at most
 * {@link Limits#UNREAD_COUNTED} index entries per channel, newest first from the read position, whatever the channel's
 * length: messages on the channel's timeline index, mentions on the reader's mention index.
 */
@ApplicationScoped
public class ReadPositions {

    /** Unread messages in channel %1$s for reader %2$s after position %3$s: top-level, not deleted, not theirs. */
    private static final String UNREAD = """
            (SELECT count(*)::int FROM (
                SELECT 1 FROM messages m
                WHERE m.channel_id = %1$s AND m.reply_to_message_id IS NULL AND m.id > %3$s
                  AND m.deleted_at IS NULL AND m.author_id <> %2$s
                LIMIT %4$d) unread)""";

    /** Mentions of reader %2$s in channel %1$s after position %3$s, in messages not deleted. */
    private static final String MENTIONED = """
            (SELECT count(*)::int FROM (
                SELECT 1 FROM message_mentions mm JOIN messages m ON m.id = mm.message_id AND m.deleted_at IS NULL
                WHERE mm.user_id = %2$s AND mm.channel_id = %1$s AND mm.message_id > %3$s
                LIMIT %4$d) mentioned)""";

    /**
     * Where the reader has read up to, from their read row {@code rd} and their membership row {@code cm}: the
     * position they marked or, until they first mark one, when they joined.
     */
    public static final String POSITION = "coalesce(rd.last_read_message_id, uuid7_floor(cm.created_at))";

    /** The reader's ($2) position in each channel of workspace $1 they may read, and what is unread after it. */
    static final String LISTED = """
            SELECT c.id, c.workspace_id, c.name, c.slug, c.visibility, c.topic, c.created_at, c.archived_at,
                   c.created_by, cm.user_id IS NOT NULL AS member, rd.last_read_message_id,
                   CASE WHEN cm.user_id IS NULL THEN 0 ELSE %s END AS unread_count,
                   CASE WHEN cm.user_id IS NULL THEN 0 ELSE %s END AS mention_count
            FROM channels c
            LEFT JOIN channel_members cm ON cm.channel_id = c.id AND cm.user_id = $2
            LEFT JOIN channel_reads rd ON rd.channel_id = c.id AND rd.user_id = $2
            CROSS JOIN LATERAL (SELECT %s AS position) p
            WHERE c.workspace_id = $1 AND c.kind = 'channel'
              AND EXISTS (SELECT 1 FROM readable_channels($2) r WHERE r.channel_id = c.id)
            ORDER BY c.archived_at IS NOT NULL, c.slug
            """.formatted(counted(UNREAD, "c.id", "$2", "p.position"), counted(MENTIONED, "c.id", "$2", "p.position"),
                    POSITION);

    private static final String IN_CHANNEL = "SELECT 1 FROM messages WHERE id = $2 AND channel_id = $1";

    private static final String MOVE = forwardOnly("channel_reads", "channel_id");

    private static final String UNREAD_AFTER = "SELECT " + unreadColumns("$1", "$2", "$3");

    /**
     * Moves reader $1's position in the {@code table} row of $2 (its {@code column}) to message $3 at $4, only ever
     * forwards (ids are time-ordered), so concurrent marks leave the furthest; a row back when it moved.
     */
    public static String forwardOnly(String table, String column) {
        return """
                INSERT INTO %1$s AS rd (user_id, %2$s, last_read_message_id, updated_at)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (user_id, %2$s) DO UPDATE
                    SET last_read_message_id = excluded.last_read_message_id, updated_at = excluded.updated_at
                    WHERE rd.last_read_message_id < excluded.last_read_message_id
                RETURNING last_read_message_id
                """.formatted(table, column);
    }

    /** The columns {@code unread_count} and {@code mention_count} of one channel, reader and position. */
    public static String unreadColumns(String channel, String reader, String position) {
        return counted(UNREAD, channel, reader, position) + " AS unread_count, "
                + counted(MENTIONED, channel, reader, position) + " AS mention_count";
    }

    private static String counted(String template, String channel, String reader, String position) {
        return template.formatted(channel, reader, position, Limits.UNREAD_COUNTED);
    }

    public Uni<Boolean> inChannel(SqlClient tx, UUID channelId, UUID messageId) {
        return tx.preparedQuery(IN_CHANNEL).execute(Tuple.of(channelId, messageId)).map(rows -> rows.size() == 1);
    }

    /** @return what is left unread after the move, or empty when the reader had read that far already */
    public Uni<Optional<ChannelUnread>> moveForward(SqlClient tx, UUID userId, UUID channelId, UUID messageId,
                                                    Instant at) {
        return tx.preparedQuery(MOVE).execute(Tuple.of(userId, channelId, messageId, at.atOffset(ZoneOffset.UTC)))
                .chain(moved -> moved.size() == 0 ? Uni.createFrom().item(Optional.<ChannelUnread>empty())
                        : tx.preparedQuery(UNREAD_AFTER).execute(Tuple.of(channelId, userId, messageId))
                                .map(rows -> Optional.of(unread(rows.iterator().next(), messageId))));
    }

    public static ChannelUnread unread(Row row, UUID lastRead) {
        return new ChannelUnread(row.getInteger("unread_count"), row.getInteger("mention_count"), lastRead);
    }
}
