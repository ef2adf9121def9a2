package dev.chat.api.threads;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.rows.MessageRows;
import dev.chat.model.Limits;
import dev.chat.model.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of threads: finding what a reply answers, creating conversations, recording replies. */
@ApplicationScoped
public class ThreadRepository {

    /**
     * The parent, whether the caller ($2) may read its channel (decision 0007: a reply restricted to a private channel
     * is read only by that channel's members), and how the posting channel ($3) stands in its conversation. A reply
     * is restricted when posted in a private channel that is not the conversation's primary channel.
     */
    private static final String FIND_PARENT = """
            SELECT m.id, m.workspace_id, m.channel_id, m.conversation_id,
                   m.deleted_at IS NOT NULL AND (m.conversation_id IS NULL OR m.reply_to_message_id IS NOT NULL)
                       AS deleted_leaf,
                   EXISTS (SELECT 1 FROM readable_channels($2) r WHERE r.channel_id = m.channel_id) AS readable,
                   posting.channel_id IS NOT NULL AS posting_in_conversation,
                   (posting.channel_id IS NOT NULL AND NOT posting.is_primary
                    AND postc.visibility = 'private') AS posting_restricted
            FROM messages m
            LEFT JOIN conversation_channels posting
                   ON posting.conversation_id = m.conversation_id AND posting.channel_id = $3
            LEFT JOIN channels postc ON postc.id = posting.channel_id
            WHERE m.id = $1
            """;

    /**
     * Turns a flat message into a thread root: the conversation, the link from the root, the primary channel.
     * The unique root guards concurrent first replies: a loser inserts nothing (after waiting for the winner's
     * commit) and gets no row back.
     */
    private static final String CREATE_CONVERSATION = """
            WITH created AS (
                INSERT INTO conversations (id, workspace_id, root_message_id, created_at)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (root_message_id) DO NOTHING
                RETURNING id
            ), linked AS (
                UPDATE messages SET conversation_id = $1 WHERE id = $3 AND EXISTS (SELECT 1 FROM created)
            ), primary_channel AS (
                INSERT INTO conversation_channels (conversation_id, channel_id, is_primary, shared_by, created_at)
                SELECT $1, $5, true, $6, $4 FROM created
            )
            SELECT id FROM created
            """;

    private static final String CONVERSATION_OF_ROOT = "SELECT id FROM conversations WHERE root_message_id = $1";

    private static final String INSERT_REPLY = """
            INSERT INTO messages (id, workspace_id, channel_id, conversation_id, reply_to_message_id, author_id,
                                  content, client_msg_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (author_id, client_msg_id) DO NOTHING
            RETURNING id
            """;

    /** After {@code conv} and {@code restricted} updated the counts: how every channel of the conversation shows it. */
    private static final String VIEWS_AFTER_UPDATE = """
            SELECT conv.root_message_id, conv.reply_count, conv.last_reply_at, conv.participant_ids, cc.channel_id,
                   coalesce(r.restricted_reply_count, cc.restricted_reply_count) AS restricted_reply_count,
                   coalesce(r.restricted_last_reply_at, cc.restricted_last_reply_at) AS restricted_last_reply_at,
                   coalesce(r.restricted_participant_ids, cc.restricted_participant_ids) AS restricted_participant_ids
            FROM conv
            JOIN conversation_channels cc ON cc.conversation_id = conv.id
            LEFT JOIN restricted r ON r.channel_id = cc.channel_id
            ORDER BY cc.is_primary DESC, cc.created_at, cc.channel_id
            """;

    /**
     * Counts a reply and returns how every channel of the conversation now shows it. Updating the conversation row
     * in every case takes its lock, so the replies of one thread are counted one after another and each event
     * carries a count that includes every earlier reply.
     */
    private static final String RECORD_REPLY = """
            WITH conv AS (
                UPDATE conversations SET
                    reply_count = reply_count + CASE WHEN $3 THEN 0 ELSE 1 END,
                    last_reply_at = CASE WHEN $3 THEN last_reply_at ELSE $4 END,
                    participant_ids = CASE WHEN $3 OR $5 = ANY (participant_ids)
                                                OR cardinality(participant_ids) >= $6
                                           THEN participant_ids ELSE participant_ids || $5 END
                WHERE id = $1
                RETURNING id, root_message_id, reply_count, last_reply_at, participant_ids
            ), restricted AS (
                UPDATE conversation_channels SET
                    restricted_reply_count = restricted_reply_count + 1,
                    restricted_last_reply_at = $4,
                    restricted_participant_ids =
                        CASE WHEN $5 = ANY (restricted_participant_ids) OR cardinality(restricted_participant_ids) >= $6
                             THEN restricted_participant_ids ELSE restricted_participant_ids || $5 END
                WHERE $3 AND conversation_id = $1 AND channel_id = $2
                RETURNING channel_id, restricted_reply_count, restricted_last_reply_at, restricted_participant_ids
            )
            """ + VIEWS_AFTER_UPDATE;

    private static final String LOCK_CONVERSATION = "SELECT 1 FROM conversations WHERE id = $1 FOR NO KEY UPDATE";

    private static final String CONVERSATION_CHANNELS = """
            SELECT channel_id FROM conversation_channels WHERE conversation_id = $1
            ORDER BY is_primary DESC, created_at, timeline_key
            """;

    /**
     * Counts a thread's replies again after one was deleted: the open summary ($3 false) or the one restricted to
     * the private channel $2 ($3 true), from the replies that are left, with the same rules as {@link #RECORD_REPLY}
     * (participants: the first authors, in order of their first reply). Run after {@link #LOCK_CONVERSATION}, so
     * that every reply counted before this one committed is seen.
     */
    private static final String RECOUNT_REPLIES = """
            WITH counted AS (
                SELECT m.id, m.author_id, m.created_at
                FROM messages m
                WHERE m.conversation_id = $1 AND m.reply_to_message_id IS NOT NULL AND m.deleted_at IS NULL
                  AND CASE WHEN $3 THEN m.channel_id = $2
                           ELSE NOT EXISTS (SELECT 1 FROM conversation_channels x
                                            JOIN channels ch ON ch.id = x.channel_id
                                            WHERE x.conversation_id = $1 AND x.channel_id = m.channel_id
                                              AND NOT x.is_primary AND ch.visibility = 'private') END
            ), summary AS (
                SELECT (SELECT count(*) FROM counted)::int AS reply_count,
                       (SELECT max(created_at) FROM counted) AS last_reply_at,
                       coalesce((SELECT array_agg(author_id ORDER BY first_id)
                                 FROM (SELECT first_id, author_id
                                       FROM (SELECT DISTINCT ON (author_id) author_id, id AS first_id FROM counted
                                             ORDER BY author_id, id) firsts
                                       ORDER BY first_id LIMIT $4) first_authors),
                                '{}') AS participant_ids
            ), conv AS (
                UPDATE conversations c SET
                    reply_count = CASE WHEN $3 THEN c.reply_count ELSE s.reply_count END,
                    last_reply_at = CASE WHEN $3 THEN c.last_reply_at ELSE s.last_reply_at END,
                    participant_ids = CASE WHEN $3 THEN c.participant_ids ELSE s.participant_ids END
                FROM summary s
                WHERE c.id = $1
                RETURNING c.id, c.root_message_id, c.reply_count, c.last_reply_at, c.participant_ids
            ), restricted AS (
                UPDATE conversation_channels cc SET
                    restricted_reply_count = s.reply_count,
                    restricted_last_reply_at = s.last_reply_at,
                    restricted_participant_ids = s.participant_ids
                FROM summary s
                WHERE $3 AND cc.conversation_id = $1 AND cc.channel_id = $2
                RETURNING cc.channel_id, cc.restricted_reply_count, cc.restricted_last_reply_at,
                          cc.restricted_participant_ids
            )
            """ + VIEWS_AFTER_UPDATE;

    /** The channels the slugs name, whether each is private and whether the author ($3) may read it. */
    private static final String TAGGED_CHANNELS = """
            SELECT c.id, c.visibility = 'private' AS private_channel,
                   EXISTS (SELECT 1 FROM readable_channels($3) r WHERE r.channel_id = c.id) AS readable
            FROM channels c
            WHERE c.workspace_id = $1 AND c.kind = 'channel' AND c.slug = ANY ($2) AND c.archived_at IS NULL
            ORDER BY array_position($2, c.slug)
            """;

    /** The conversation's primary channel and whether it is private, read with the thread's facts. */
    private static final String PRIMARY_CHANNEL = """
            SELECT cc.channel_id, c.visibility = 'private' AS private_channel
            FROM conversation_channels cc JOIN channels c ON c.id = cc.channel_id
            WHERE cc.conversation_id = $1 AND cc.is_primary
            """;

    /**
     * Shares a conversation into channels; a channel it is already in is skipped (tagging twice is a no-op). Returns
     * every channel of the conversation afterwards, primary first, then in order of sharing, each with whether it is
     * private and whether this call added it.
     */
    private static final String SHARE = """
            WITH added AS (
                INSERT INTO conversation_channels (conversation_id, channel_id, is_primary, shared_by, timeline_key,
                                                   created_at)
                SELECT $1, t.channel_id, false, $3, t.timeline_key, $5
                FROM unnest($2::uuid[], $4::uuid[]) AS t(channel_id, timeline_key)
                ON CONFLICT (conversation_id, channel_id) DO NOTHING
                RETURNING channel_id, timeline_key
            ), channels_after AS (
                SELECT cc.channel_id, cc.is_primary, cc.created_at, cc.timeline_key, false AS added
                FROM conversation_channels cc WHERE cc.conversation_id = $1
                UNION ALL
                SELECT a.channel_id, false, $5, a.timeline_key, true FROM added a
            )
            SELECT x.channel_id, x.added, c.visibility = 'private' AS private_channel
            FROM channels_after x JOIN channels c ON c.id = x.channel_id
            ORDER BY x.is_primary DESC, x.created_at, x.timeline_key
            """;

    /** The conversation's root message with how each of its channels shows the thread. */
    private static final String THREAD_STATE = """
            SELECT m.id, m.channel_id, m.conversation_id, m.reply_to_message_id, m.content, m.author_id, m.created_at,
                   m.edited_at, m.deleted_at, conv.reply_count, conv.last_reply_at, conv.participant_ids,
                   cc.channel_id AS view_channel_id,
                   cc.restricted_reply_count, cc.restricted_last_reply_at, cc.restricted_participant_ids
            FROM conversations conv
            JOIN messages m ON m.id = conv.root_message_id
            JOIN conversation_channels cc ON cc.conversation_id = conv.id
            WHERE conv.id = $1
            """;

    public Uni<List<TaggedChannel>> taggedChannels(SqlClient tx, UUID workspaceId, List<String> slugs, UUID author) {
        return tx.preparedQuery(TAGGED_CHANNELS).execute(Tuple.of(workspaceId, slugs.toArray(String[]::new), author))
                .map(rows -> {
                    List<TaggedChannel> channels = new ArrayList<>();
                    for (Row row : rows) {
                        channels.add(new TaggedChannel(row.getUUID("id"), row.getBoolean("private_channel"),
                                row.getBoolean("readable")));
                    }
                    return channels;
                });
    }

    /** @return whether the conversation's primary channel is private */
    public Uni<Boolean> primaryChannelIsPrivate(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery(PRIMARY_CHANNEL).execute(Tuple.of(conversationId))
                .map(rows -> rows.iterator().next().getBoolean("private_channel"));
    }

    /** @return every channel of the conversation after sharing into {@code channels}, primary first */
    public Uni<List<SharedChannel>> share(SqlClient tx, UUID conversationId, List<UUID> channels, UUID sharedBy,
                                          Instant at) {
        UUID[] keys = new UUID[channels.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = UuidCreator.getTimeOrderedEpoch(); // increasing: the order of the tags
        }
        Tuple parameters = Tuple.tuple().addUUID(conversationId).addArrayOfUUID(channels.toArray(UUID[]::new))
                .addUUID(sharedBy).addArrayOfUUID(keys).addOffsetDateTime(utc(at));
        return tx.preparedQuery(SHARE).execute(parameters).map(rows -> {
            List<SharedChannel> all = new ArrayList<>();
            for (Row row : rows) {
                all.add(new SharedChannel(row.getUUID("channel_id"), row.getBoolean("private_channel"),
                        row.getBoolean("added")));
            }
            return all;
        });
    }

    /** One channel of a conversation after a share. */
    public record SharedChannel(UUID id, boolean privateChannel, boolean added) {
    }

    public Uni<Optional<ParentMessage>> findParent(SqlClient tx, UUID parentId, UUID callerId, UUID postingChannel) {
        return tx.preparedQuery(FIND_PARENT).execute(Tuple.of(parentId, callerId, postingChannel))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toParent(rows.iterator().next())));
    }

    /** @return the new conversation's id, or empty when another transaction made the message a root first */
    public Uni<Optional<UUID>> createConversation(SqlClient tx, UUID conversationId, UUID workspaceId,
                                                  UUID rootMessageId, UUID channelId, UUID createdBy, Instant at) {
        Tuple parameters = Tuple.tuple().addUUID(conversationId).addUUID(workspaceId).addUUID(rootMessageId)
                .addOffsetDateTime(utc(at)).addUUID(channelId).addUUID(createdBy);
        return tx.preparedQuery(CREATE_CONVERSATION).execute(parameters)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    public Uni<UUID> conversationOfRoot(SqlClient tx, UUID rootMessageId) {
        return tx.preparedQuery(CONVERSATION_OF_ROOT).execute(Tuple.of(rootMessageId))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /** @return false when the author already used this client_msg_id (nothing was written) */
    public Uni<Boolean> insertReply(SqlClient tx, Message reply, UUID workspaceId, String clientMsgId) {
        Tuple parameters = Tuple.tuple().addUUID(reply.id()).addUUID(workspaceId).addUUID(reply.channelId())
                .addUUID(reply.conversationId()).addUUID(reply.replyToMessageId()).addUUID(reply.authorId())
                .addString(reply.content()).addString(clientMsgId).addOffsetDateTime(utc(reply.createdAt()));
        return tx.preparedQuery(INSERT_REPLY).execute(parameters).map(rows -> rows.size() == 1);
    }

    /** Counts the reply; returns the root message id and how each channel of the conversation shows the thread. */
    public Uni<RecordedReply> recordReply(SqlClient tx, Message reply, boolean restricted) {
        Tuple parameters = Tuple.tuple().addUUID(reply.conversationId()).addUUID(reply.channelId())
                .addBoolean(restricted).addOffsetDateTime(utc(reply.createdAt())).addUUID(reply.authorId())
                .addInteger(Limits.THREAD_PARTICIPANTS_SHOWN);
        return tx.preparedQuery(RECORD_REPLY).execute(parameters).map(ThreadRepository::recorded);
    }

    private static RecordedReply recorded(RowSet<Row> rows) {
        UUID rootMessageId = null;
        List<ThreadView> views = new ArrayList<>();
        for (Row row : rows) {
            rootMessageId = row.getUUID("root_message_id");
            views.add(ThreadView.read(row.getUUID("channel_id"), row));
        }
        return new RecordedReply(rootMessageId, views);
    }

    /**
     * Counts the thread's replies again after {@code deleted}, one of them, was marked deleted in this transaction.
     *
     * @param restricted whether the deleted reply was restricted to the private channel it was posted in
     */
    public Uni<RecordedReply> recountAfterDeleting(SqlClient tx, Message deleted, boolean restricted) {
        Tuple parameters = Tuple.tuple().addUUID(deleted.conversationId()).addUUID(deleted.channelId())
                .addBoolean(restricted).addInteger(Limits.THREAD_PARTICIPANTS_SHOWN);
        return lockConversation(tx, deleted.conversationId())
                .chain(() -> tx.preparedQuery(RECOUNT_REPLIES).execute(parameters))
                .map(ThreadRepository::recorded);
    }

    /**
     * Locks the conversation until the transaction ends. Replies are counted, channels added and the root changed
     * under this lock, so each of them sees what the others committed.
     */
    public Uni<Void> lockConversation(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery(LOCK_CONVERSATION).execute(Tuple.of(conversationId)).replaceWithVoid();
    }

    /** The conversation's channels, primary first; read after {@link #lockConversation}, all that were added. */
    public Uni<List<UUID>> conversationChannels(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery(CONVERSATION_CHANNELS).execute(Tuple.of(conversationId)).map(rows -> {
            List<UUID> channels = new ArrayList<>();
            rows.forEach(row -> channels.add(row.getUUID("channel_id")));
            return channels;
        });
    }

    /** The thread's root and how each of its channels shows it, primary channel first. */
    public record RecordedReply(UUID rootMessageId, List<ThreadView> views) {
    }

    /** The thread as it stands in this transaction: its root message and how each channel shows it. */
    public Uni<ThreadState> threadState(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery(THREAD_STATE).execute(Tuple.of(conversationId)).map(rows -> {
            Message root = null;
            List<ThreadView> views = new ArrayList<>();
            for (Row row : rows) {
                root = MessageRows.message(row);
                views.add(ThreadView.read(row.getUUID("view_channel_id"), row));
            }
            return new ThreadState(root, views);
        });
    }

    /** A thread's root message and how each of its channels shows it. */
    public record ThreadState(Message root, List<ThreadView> views) {

        /** How {@code channelId}, one of the conversation's channels, shows the thread. */
        public ThreadView viewOf(UUID channelId) {
            return views.stream().filter(view -> view.channelId().equals(channelId)).findFirst().orElseThrow();
        }
    }

    private static ParentMessage toParent(Row row) {
        return new ParentMessage(row.getUUID("id"), row.getUUID("workspace_id"), row.getUUID("channel_id"),
                row.getUUID("conversation_id"), row.getBoolean("readable"), row.getBoolean("deleted_leaf"),
                row.getBoolean("posting_in_conversation"),
                row.getBoolean("posting_restricted"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
