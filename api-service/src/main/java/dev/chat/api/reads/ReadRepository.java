package dev.chat.api.reads;

import dev.chat.api.rows.Columns;
import dev.chat.api.rows.MessageRows;
import dev.chat.api.rows.ReactionRows;
import dev.chat.api.threads.ThreadView;
import dev.chat.model.Conversation;
import dev.chat.model.Message;
import dev.chat.model.TimelineItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads of channels and threads. Each page is one statement, one round trip: the caller's access is decided in the same
 * statement that reads the page, from the database, and every item comes with its thread summary (no N+1).
 */
@ApplicationScoped
public class ReadRepository {

    /**
     * A channel's timeline, newest first: flat messages and roots posted in it (top-level messages, one index range
     * scan) merged with conversations shared into it (sorted by when they were shared, another range scan), each
     * side limited before the merge. No row when the caller may not read the channel (not even once their invite is
     * accepted); the caller's member status comes first in every row, and the page part is empty unless active.
     */
    static final String TIMELINE = """
            WITH access AS (
                SELECT u.id AS reader_id, r.member_status
                FROM users u JOIN readable_channels(u.id, true) r ON r.channel_id = $1
                WHERE u.idp_subject = $2
            ), allowed AS (
                SELECT 1 FROM access WHERE member_status = 'active'
            ), entries AS (
                (SELECT m.id AS sort_key, m.id AS message_id, false AS shared
                 FROM messages m
                 WHERE m.channel_id = $1 AND m.reply_to_message_id IS NULL AND m.id < $3
                   AND (m.deleted_at IS NULL OR m.conversation_id IS NOT NULL)
                   AND EXISTS (SELECT 1 FROM allowed)
                 ORDER BY m.id DESC LIMIT $4)
                UNION ALL
                (SELECT cc.timeline_key, c.root_message_id, true
                 FROM conversation_channels cc JOIN conversations c ON c.id = cc.conversation_id
                 WHERE cc.channel_id = $1 AND NOT cc.is_primary AND cc.timeline_key < $3
                   AND EXISTS (SELECT 1 FROM allowed)
                 ORDER BY cc.timeline_key DESC LIMIT $4)
                ORDER BY sort_key DESC LIMIT $4
            )
            SELECT a.member_status, e.sort_key, e.shared,
                   m.id, m.channel_id, m.conversation_id, m.reply_to_message_id, m.content, m.author_id, m.created_at,
                   m.edited_at, m.deleted_at, c.reply_count, c.last_reply_at, c.participant_ids,
                   v.restricted_reply_count, v.restricted_last_reply_at, v.restricted_participant_ids,
                   """ + ReactionRows.of("m.id", "a.reader_id") + """
                    AS reactions
            FROM access a
            LEFT JOIN entries e ON true
            LEFT JOIN messages m ON m.id = e.message_id
            LEFT JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN conversation_channels v ON v.conversation_id = c.id AND v.channel_id = $1
            ORDER BY e.sort_key DESC
            """;

    /** The caller's ($2) user id. */
    private static final String READER = "(SELECT id FROM users WHERE idp_subject = $2)";

    /** The channels of a conversation the caller ($2) may read (decision 0007). */
    static final String READABLE_CHANNELS = """
            readable AS (
                SELECT cc.channel_id, cc.is_primary, cc.created_at, cc.timeline_key, cc.restricted_reply_count,
                       cc.restricted_last_reply_at, cc.restricted_participant_ids
                FROM users u, readable_conversation_channels(u.id, $1) cc
                WHERE u.idp_subject = $2
            )""";

    static final String CONVERSATION = "WITH " + READABLE_CHANNELS + """

            SELECT c.id, c.root_message_id, c.created_at, c.reply_count, c.last_reply_at, c.participant_ids,
                   array(SELECT channel_id FROM readable ORDER BY is_primary DESC, created_at, timeline_key)
                       AS channel_ids,
                   (SELECT coalesce(sum(restricted_reply_count), 0) FROM readable)::int AS restricted_reply_count,
                   (SELECT max(restricted_last_reply_at) FROM readable) AS restricted_last_reply_at,
                   array(SELECT DISTINCT unnest(restricted_participant_ids) FROM readable)
                       AS restricted_participant_ids,
                   r.id AS root_id, r.channel_id AS root_channel_id, r.conversation_id AS root_conversation_id,
                   r.reply_to_message_id AS root_reply_to_message_id, r.content AS root_content,
                   r.author_id AS root_author_id, r.created_at AS root_created_at, r.edited_at AS root_edited_at,
                   r.deleted_at AS root_deleted_at,
                   """ + ReactionRows.of("r.id", READER) + """
                    AS root_reactions,
                   (SELECT last_read_message_id FROM conversation_reads
                    WHERE user_id = """ + READER + """
                     AND conversation_id = c.id) AS last_read_message_id,
                   """ + ThreadPositions.unreadColumn("$1", READER) + """
                    AS unread_count
            FROM conversations c JOIN messages r ON r.id = c.root_message_id
            WHERE c.id = $1 AND EXISTS (SELECT 1 FROM readable)
            """;

    /** A thread's replies after $3, oldest first: open ones, and restricted ones of channels the caller reads. */
    static final String REPLIES = "WITH " + READABLE_CHANNELS + """
            , page AS (
                SELECT m.id, m.channel_id, m.conversation_id, m.reply_to_message_id, m.content, m.author_id,
                       m.created_at, m.edited_at, m.deleted_at
                FROM messages m
                WHERE m.conversation_id = $1 AND m.reply_to_message_id IS NOT NULL AND m.id > $3
                  AND m.deleted_at IS NULL
                  AND m.channel_id IN (SELECT channel_id FROM readable)
                ORDER BY m.id LIMIT $4
            )
            SELECT EXISTS (SELECT 1 FROM readable) AS allowed, p.*,
                   """ + ReactionRows.of("p.id", READER) + """
                    AS reactions
            FROM (SELECT 1) one LEFT JOIN page p ON true
            ORDER BY p.id
            """;

    private final Pool pool;

    public ReadRepository(Pool pool) {
        this.pool = pool;
    }

    /** What the caller may do with the channel, and up to {@code limit} items before {@code before}. */
    public Uni<TimelineRows> timeline(UUID channelId, String subject, UUID before, int limit) {
        return pool.preparedQuery(TIMELINE).execute(Tuple.of(channelId, subject, before, limit)).map(rows -> {
            if (rows.size() == 0) {
                return new TimelineRows(false, false, List.of(), List.of());
            }
            boolean active = "active".equals(rows.iterator().next().getString("member_status"));
            List<TimelineItem> items = new ArrayList<>();
            List<UUID> keys = new ArrayList<>();
            for (Row row : rows) {
                if (row.getUUID("sort_key") != null) {
                    keys.add(row.getUUID("sort_key"));
                    items.add(toTimelineItem(row));
                }
            }
            return new TimelineRows(true, active, items, keys);
        });
    }

    /** The conversation as the caller sees it; empty when it does not exist or the caller reads none of its channels. */
    public Uni<Optional<Conversation>> conversation(UUID conversationId, String subject) {
        return pool.preparedQuery(CONVERSATION).execute(Tuple.of(conversationId, subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toConversation(rows.iterator().next())));
    }

    /** @return empty when the caller may not read the conversation, else up to {@code limit} replies after the key */
    public Uni<Optional<List<Message>>> replies(UUID conversationId, String subject, UUID after, int limit) {
        return pool.preparedQuery(REPLIES).execute(Tuple.of(conversationId, subject, after, limit))
                .map(ReadRepository::toReplies);
    }

    /** A timeline page's rows: whether the caller may read the channel, and the items with their sort keys. */
    public record TimelineRows(boolean visible, boolean activeMember, List<TimelineItem> items, List<UUID> keys) {
    }

    private static Optional<List<Message>> toReplies(RowSet<Row> rows) {
        List<Message> replies = new ArrayList<>();
        for (Row row : rows) {
            if (!row.getBoolean("allowed")) {
                return Optional.empty();
            }
            if (row.getUUID("id") != null) {
                replies.add(MessageRows.message(row).withReactions(ReactionRows.read(row, "reactions")));
            }
        }
        return Optional.of(replies);
    }

    private static TimelineItem toTimelineItem(Row row) {
        UUID conversationId = row.getUUID("conversation_id");
        ThreadView thread = conversationId == null ? null : ThreadView.read(null, row);
        return new TimelineItem(row.getUUID("id"), row.getUUID("channel_id"), conversationId,
                row.getUUID("reply_to_message_id"), row.getString("content"), row.getUUID("author_id"),
                Columns.instant(row, "created_at"), Columns.instant(row, "edited_at"),
                Columns.isSet(row, "deleted_at"), ReactionRows.read(row, "reactions"),
                thread == null ? 0 : thread.replyCount(), thread == null ? null : thread.lastReplyAt(),
                thread == null ? List.of() : thread.participantIds(), row.getBoolean("shared"));
    }

    private static Conversation toConversation(Row row) {
        ThreadView thread = ThreadView.read(null, row);
        Message root = MessageRows.message(row, "root_").withReactions(ReactionRows.read(row, "root_reactions"));
        return new Conversation(row.getUUID("id"), row.getUUID("root_message_id"), root,
                Columns.uuids(row, "channel_ids"), Columns.instant(row, "created_at"), thread.replyCount(),
                thread.lastReplyAt(), thread.participantIds(), row.getInteger("unread_count"),
                row.getUUID("last_read_message_id"));
    }
}
