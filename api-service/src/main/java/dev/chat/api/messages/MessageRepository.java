package dev.chat.api.messages;

import dev.chat.api.rows.MessageRows;
import dev.chat.model.Message;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
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
            SELECT id, channel_id, conversation_id, reply_to_message_id, content, author_id, created_at
            FROM messages WHERE author_id = $1 AND client_msg_id = $2
            """;

    private final OutboxWriter outbox;

    public MessageRepository(OutboxWriter outbox) {
        this.outbox = outbox;
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

    public Uni<Optional<Message>> findByClientMsgId(SqlClient client, UUID authorId, String clientMsgId) {
        return client.preparedQuery(FIND_BY_CLIENT_MSG_ID).execute(Tuple.of(authorId, clientMsgId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty() : Optional.of(MessageRows.message(rows.iterator().next())));
    }
}
