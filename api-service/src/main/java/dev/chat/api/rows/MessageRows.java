package dev.chat.api.rows;

import dev.chat.model.Message;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads a message from a row holding the columns of {@code messages} under their own names, or prefixed; without
 * reactions (see {@link ReactionRows} for reads that show them).
 */
public final class MessageRows {

    private MessageRows() {
    }

    public static Message message(Row row) {
        return message(row, "");
    }

    /** A message whose columns are named with {@code prefix} (e.g. {@code root_content}), joined beside others. */
    public static Message message(Row row, String prefix) {
        return new Message(row.getUUID(prefix + "id"), row.getUUID(prefix + "channel_id"),
                row.getUUID(prefix + "conversation_id"), row.getUUID(prefix + "reply_to_message_id"),
                row.getString(prefix + "content"), row.getUUID(prefix + "author_id"),
                Columns.instant(row, prefix + "created_at"), Columns.instant(row, prefix + "edited_at"),
                Columns.isSet(row, prefix + "deleted_at"), null);
    }
}
