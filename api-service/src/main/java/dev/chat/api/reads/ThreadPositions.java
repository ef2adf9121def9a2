package dev.chat.api.reads;

import dev.chat.api.channels.ReadPositions;
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
 * Where readers have read threads up to, and how many replies they have not read (decision 0018). A reader's position
 * in a thread is the later of the reply they marked read and their own latest message in it (writing in a thread reads
 * it); until either exists, every reply is unread. Counting stops at {@link Limits#UNREAD_COUNTED}.
 */
@ApplicationScoped
public class ThreadPositions {

    /** The position of reader %2$s in conversation %1$s. */
    private static final String POSITION = """
            greatest(
                (SELECT last_read_message_id FROM conversation_reads WHERE user_id = %2$s AND conversation_id = %1$s),
                (SELECT m.id FROM messages m WHERE m.conversation_id = %1$s AND m.author_id = %2$s
                 ORDER BY m.id DESC LIMIT 1),
                '00000000-0000-0000-0000-000000000000'::uuid)""";

    /**
     * Replies of conversation %1$s reader %2$s has not read: after their position, not theirs, not deleted, and in a
     * channel of the {@code readable} CTE (ReadRepository's read rule), so restricted replies count only for readers
     * of their channel.
     */
    private static final String UNREAD = """
            (SELECT count(*)::int FROM (
                SELECT 1 FROM messages m
                WHERE m.conversation_id = %1$s AND m.reply_to_message_id IS NOT NULL AND m.id > %3$s
                  AND m.deleted_at IS NULL AND m.author_id <> %2$s
                  AND m.channel_id IN (SELECT channel_id FROM readable)
                LIMIT %4$d) unread)""";

    /**
     * The caller ($2 a subject) and conversation $1: who they are, its workspace, whether they may read it, and whether
     * message $3 is one of it they may read.
     */
    private static final String TARGET = "WITH " + ReadRepository.READABLE_CHANNELS + """

            SELECT u.id AS reader_id, c.workspace_id, EXISTS (SELECT 1 FROM readable) AS readable,
                   EXISTS (SELECT 1 FROM messages m, readable_message(u.id, m.id)
                           WHERE m.id = $3 AND m.conversation_id = $1) AS message_found
            FROM users u, conversations c
            WHERE u.idp_subject = $2 AND c.id = $1
            """;

    private static final String MOVE = ReadPositions.forwardOnly("conversation_reads", "conversation_id");

    /** What reader $3 (a user id; $2 their subject) has left unread of conversation $1. */
    private static final String UNREAD_NOW = "WITH " + ReadRepository.READABLE_CHANNELS + "\nSELECT "
            + unreadColumn("$1", "$3") + " AS unread_count";

    /** The column {@code unread_count} of conversation {@code conversation} for {@code reader} (user ids). */
    static String unreadColumn(String conversation, String reader) {
        return UNREAD.formatted(conversation, reader, POSITION.formatted(conversation, reader), Limits.UNREAD_COUNTED);
    }

    /** The reader and the conversation's facts; empty when there is no such conversation or no such caller. */
    public Uni<Optional<Target>> target(SqlClient tx, String subject, UUID conversationId, UUID messageId) {
        return tx.preparedQuery(TARGET).execute(Tuple.of(conversationId, subject, messageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(target(rows.iterator().next())));
    }

    /** @return what is left unread after the move, or empty when the reader had marked that far already */
    public Uni<Optional<Integer>> moveForward(SqlClient tx, String subject, UUID readerId, UUID conversationId,
                                              UUID messageId, Instant at) {
        return tx.preparedQuery(MOVE)
                .execute(Tuple.of(readerId, conversationId, messageId, at.atOffset(ZoneOffset.UTC)))
                .chain(moved -> moved.size() == 0 ? Uni.createFrom().item(Optional.<Integer>empty())
                        : tx.preparedQuery(UNREAD_NOW).execute(Tuple.of(conversationId, subject, readerId))
                                .map(rows -> Optional.of(rows.iterator().next().getInteger("unread_count"))));
    }

    /** The caller, the conversation's workspace, whether they read it, and whether the message is one of it. */
    public record Target(UUID readerId, UUID workspaceId, boolean readable, boolean messageFound) {
    }

    private static Target target(Row row) {
        return new Target(row.getUUID("reader_id"), row.getUUID("workspace_id"), row.getBoolean("readable"),
                row.getBoolean("message_found"));
    }
}
