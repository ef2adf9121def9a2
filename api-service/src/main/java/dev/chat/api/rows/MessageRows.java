package dev.chat.api.rows;

import dev.chat.model.Message;
import io.vertx.mutiny.sqlclient.Row;

/** Reads a message from a row holding the columns of {@code messages} under their own names. */
public final class MessageRows {

    private MessageRows() {
    }

    public static Message message(Row row) {
        return new Message(row.getUUID("id"), row.getUUID("channel_id"), row.getUUID("conversation_id"),
                row.getUUID("reply_to_message_id"), row.getString("content"), row.getUUID("author_id"),
                Columns.instant(row, "created_at"));
    }
}
