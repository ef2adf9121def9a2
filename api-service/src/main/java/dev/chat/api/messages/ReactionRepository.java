package dev.chat.api.messages;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The SQL of reactions. Run with the message's row locked, so that what it reads stays true until commit. */
@ApplicationScoped
public class ReactionRepository {

    /** Where the message stands on an emoji ($2) and with the reader ($3). */
    private static final String STANDING = """
            SELECT count(*) FILTER (WHERE emoji = $2)::int AS count,
                   coalesce(bool_or(emoji = $2 AND user_id = $3), false) AS mine,
                   count(DISTINCT emoji) FILTER (WHERE emoji <> $2)::int AS other_emoji
            FROM message_reactions WHERE message_id = $1
            """;

    private static final String ADD = """
            INSERT INTO message_reactions (message_id, emoji, user_id, created_at) VALUES ($1, $2, $3, $4)
            """;

    private static final String REMOVE = """
            DELETE FROM message_reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3
            """;

    /** How many show {@code emoji} on the message, whether the user is one of them, how many other emoji it has. */
    public record Standing(int count, boolean mine, int otherEmoji) {
    }

    public Uni<Standing> standing(SqlClient tx, UUID messageId, String emoji, UUID userId) {
        return tx.preparedQuery(STANDING).execute(Tuple.of(messageId, emoji, userId)).map(rows -> {
            Row row = rows.iterator().next();
            return new Standing(row.getInteger("count"), row.getBoolean("mine"), row.getInteger("other_emoji"));
        });
    }

    public Uni<Void> add(SqlClient tx, UUID messageId, String emoji, UUID userId, Instant at) {
        return tx.preparedQuery(ADD).execute(Tuple.of(messageId, emoji, userId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient tx, UUID messageId, String emoji, UUID userId) {
        return tx.preparedQuery(REMOVE).execute(Tuple.of(messageId, emoji, userId)).replaceWithVoid();
    }
}
