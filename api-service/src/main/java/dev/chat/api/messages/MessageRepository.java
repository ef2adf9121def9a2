package dev.chat.api.messages;

import dev.chat.api.rows.Columns;
import dev.chat.api.rows.MessageRows;
import dev.chat.api.threads.ThreadRepository;
import dev.chat.model.Message;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository {

    /**
     * Inserts a flat message and its outbox row in one statement (one round trip). When the author already used
     * the client_msg_id, nothing is written and no row comes back.
     */
    private static final String INSERT_FLAT_WITH_EVENT = """
            WITH inserted AS (
                INSERT INTO messages (id, workspace_id, channel_id, author_id, content, client_msg_id, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (author_id, client_msg_id) DO NOTHING
                RETURNING id
            ), event AS (
            """ + OutboxWriter.insertFrom("inserted", 8) + """
            )
            SELECT id FROM inserted
            """;

    private static final String FIND_BY_CLIENT_MSG_ID = """
            SELECT id, channel_id, conversation_id, reply_to_message_id, content, author_id, created_at, edited_at,
                   deleted_at
            FROM messages WHERE author_id = $1 AND client_msg_id = $2
            """;

    /**
     * The message ($2) as the caller ($1) may see it: no row when the caller may not read it (the schema's
     * {@code readable_message}, decision 0007) or has no membership of its workspace.
     * An invited member's row comes back too, to be answered "accept first".
     */
    static final String FIND_AS_CALLER = """
            SELECT m.id, m.workspace_id, m.channel_id, m.conversation_id, m.reply_to_message_id, m.content,
                   m.author_id, m.created_at, m.edited_at, m.deleted_at,
                   u.id AS caller_id, wm.role AS caller_role, wm.status AS caller_status,
                   c.visibility = 'private' AS private_channel, c.archived_at IS NOT NULL AS archived,
                   shown.restricted
            FROM users u
            JOIN messages m ON m.id = $2
            JOIN workspace_members wm ON wm.workspace_id = m.workspace_id AND wm.user_id = u.id
            JOIN channels c ON c.id = m.channel_id
            CROSS JOIN LATERAL readable_message(u.id, m.id, true) shown
            WHERE u.idp_subject = $1
            """;

    /** {@link #FIND_AS_CALLER}, the message locked until the transaction ends. */
    private static final String FIND_FOR_CHANGE = FIND_AS_CALLER + "FOR NO KEY UPDATE OF m\n";

    /** Keeps the text being replaced as the message's next version, then replaces it. */
    private static final String REPLACE_CONTENT = """
            WITH kept AS (
                INSERT INTO message_versions (message_id, version, content, written_at)
                SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM message_versions WHERE message_id = $1
            )
            UPDATE messages SET content = $4, edited_at = $5 WHERE id = $1
            """;

    /**
     * Empties a deleted message and removes its earlier versions and its reactions: the database keeps nothing of
     * what it said (decision 0015 says what the rooms' replay history keeps).
     */
    private static final String MARK_DELETED = """
            WITH forgotten AS (
                DELETE FROM message_versions WHERE message_id = $1
            ), unreacted AS (
                DELETE FROM message_reactions WHERE message_id = $1
            )
            UPDATE messages SET content = '', deleted_at = $2 WHERE id = $1
            """;

    private static final String VERSIONS = """
            SELECT version, content, written_at FROM message_versions WHERE message_id = $1 ORDER BY version
            """;

    private final OutboxWriter outbox;
    private final ThreadRepository threads;

    public MessageRepository(OutboxWriter outbox, ThreadRepository threads) {
        this.outbox = outbox;
        this.threads = threads;
    }

    /** @return true if the message was inserted, false if its client_msg_id was already used by the author */
    public Uni<Boolean> insertFlat(SqlClient tx, Message message, UUID workspaceId, String clientMsgId,
                                   OutboxEvent event) {
        Tuple parameters = Tuple.tuple()
                .addUUID(message.id()).addUUID(workspaceId).addUUID(message.channelId()).addUUID(message.authorId())
                .addString(message.content()).addString(clientMsgId)
                .addOffsetDateTime(message.createdAt().atOffset(ZoneOffset.UTC));
        outbox.addInsertParameters(parameters, event);
        return tx.preparedQuery(INSERT_FLAT_WITH_EVENT).execute(parameters).map(rows -> rows.size() == 1);
    }

    /**
     * The message as the caller may change it, locked for this transaction; for a thread root, with its
     * conversation's channels read after the conversation is locked too (so that a channel a concurrent #tag added is
     * not missed). A reply is shown in its thread or its own channel, never in the conversation's channels, so it
     * neither reads them nor waits for the conversation's lock (its recount and its #tags take that lock themselves).
     * Empty when the caller may not read the message.
     */
    public Uni<Optional<MessageTarget>> findForChange(SqlClient tx, String subject, UUID messageId) {
        return tx.preparedQuery(FIND_FOR_CHANGE).execute(Tuple.of(subject, messageId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<MessageTarget>empty());
            }
            Row row = rows.iterator().next();
            UUID conversationId = row.getUUID("conversation_id");
            if (conversationId == null || row.getUUID("reply_to_message_id") != null) {
                return Uni.createFrom().item(Optional.of(toTarget(row, List.of())));
            }
            return threads.lockConversation(tx, conversationId)
                    .chain(() -> threads.conversationChannels(tx, conversationId))
                    .map(channels -> Optional.of(toTarget(row, channels)));
        });
    }

    /** The message as the caller sees it, without locking it or reading where it is shown; empty as above. */
    public Uni<Optional<MessageTarget>> findAsCaller(SqlClient client, String subject, UUID messageId) {
        return client.preparedQuery(FIND_AS_CALLER).execute(Tuple.of(subject, messageId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(toTarget(rows.iterator().next(), List.of())));
    }

    /** Replaces the content, keeping the text it had as the next version. */
    public Uni<Void> replaceContent(SqlClient tx, Message before, Message after) {
        Instant writtenAt = before.editedAt() != null ? before.editedAt() : before.createdAt();
        Tuple parameters = Tuple.tuple().addUUID(before.id()).addString(before.content())
                .addOffsetDateTime(writtenAt.atOffset(ZoneOffset.UTC)).addString(after.content())
                .addOffsetDateTime(after.editedAt().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(REPLACE_CONTENT).execute(parameters).replaceWithVoid();
    }

    public Uni<Void> markDeleted(SqlClient tx, UUID messageId, Instant at) {
        return tx.preparedQuery(MARK_DELETED).execute(Tuple.of(messageId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<List<MessageVersion>> versions(SqlClient client, UUID messageId) {
        return client.preparedQuery(VERSIONS).execute(Tuple.of(messageId)).map(rows -> {
            List<MessageVersion> versions = new ArrayList<>();
            for (Row row : rows) {
                versions.add(new MessageVersion(row.getInteger("version"), row.getString("content"),
                        Columns.instant(row, "written_at")));
            }
            return versions;
        });
    }

    private static MessageTarget toTarget(Row row, List<UUID> conversationChannels) {
        return new MessageTarget(MessageRows.message(row), row.getUUID("workspace_id"), row.getUUID("caller_id"),
                row.getString("caller_role"), row.getString("caller_status"), row.getBoolean("private_channel"),
                row.getBoolean("archived"), row.getBoolean("restricted"), conversationChannels);
    }

    public Uni<Optional<Message>> findByClientMsgId(SqlClient client, UUID authorId, String clientMsgId) {
        return client.preparedQuery(FIND_BY_CLIENT_MSG_ID).execute(Tuple.of(authorId, clientMsgId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty() : Optional.of(MessageRows.message(rows.iterator().next())));
    }
}
