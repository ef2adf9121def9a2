package dev.chat.api.rows;

import dev.chat.model.Reaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's reactions as one reader sees them, read in the same statement as the message: one JSON array per
 * message, each emoji with its count and whether the reader reacted with it, in the order each emoji was first used.
 */
public final class ReactionRows {

    private ReactionRows() {
    }

    /**
     * The SQL expression of the reactions of {@code messageId} (a column reference) for {@code readerId} (an
     * expression giving the reader's user id); an empty array when there are none.
     */
    public static String of(String messageId, String readerId) {
        return """
                (SELECT coalesce(json_agg(json_build_object('emoji', x.emoji, 'count', x.n, 'me', x.me)
                                          ORDER BY x.first_at, x.emoji), '[]'::json)
                 FROM (SELECT emoji, count(*)::int AS n, bool_or(user_id = %s) AS me, min(created_at) AS first_at
                       FROM message_reactions WHERE message_id = %s GROUP BY emoji) x)""".formatted(readerId, messageId);
    }

    public static List<Reaction> read(Row row, String column) {
        Object value = row.getValue(column);
        JsonArray array = value instanceof JsonArray json ? json : new JsonArray(String.valueOf(value));
        List<Reaction> reactions = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject reaction = array.getJsonObject(i);
            reactions.add(new Reaction(reaction.getString("emoji"), reaction.getInteger("count"),
                    reaction.getBoolean("me")));
        }
        return reactions;
    }
}
