package dev.chat.api.messages;

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

/** The SQL of mentions. */
@ApplicationScoped
public class MentionRepository {

    /**
     * Records the mentions of message $1 for the users named ($2) and, with $3, every member of its channel, keeping
     * only those who may read the message (the schema's {@code readable_message}, decision 0007) and are not its
     * author ($4). Returns those not mentioned by this message before: a user is
     * notified of a message once, however often an edit names them again.
     */
    private static final String RECORD = """
            WITH msg AS (
                SELECT m.id, m.channel_id FROM messages m WHERE m.id = $1
            ), candidates AS (
                SELECT unnest($2::uuid[]) AS user_id
                UNION
                SELECT cm.user_id FROM channel_members cm, msg WHERE $3 AND cm.channel_id = msg.channel_id
            )
            INSERT INTO message_mentions (message_id, user_id, channel_id, created_at)
            SELECT msg.id, candidates.user_id, msg.channel_id, $5
            FROM candidates, msg
            WHERE candidates.user_id <> $4
              AND EXISTS (SELECT 1 FROM readable_message(candidates.user_id, msg.id))
            ORDER BY candidates.user_id
            ON CONFLICT (message_id, user_id) DO NOTHING
            RETURNING user_id
            """;

    private static final String CHANNEL_MEMBERS = "SELECT count(*)::int AS members FROM channel_members WHERE channel_id = $1";

    /**
     * Takes the author's turn to mention the whole channel: no row when their last one was less than $4 seconds ago.
     * The row's lock makes concurrent attempts wait, so only one of them gets through.
     */
    private static final String TAKE_CHANNEL_TURN = """
            INSERT INTO channel_wide_mentions AS w (channel_id, author_id, last_at) VALUES ($1, $2, $3)
            ON CONFLICT (channel_id, author_id) DO UPDATE SET last_at = excluded.last_at
                WHERE w.last_at <= excluded.last_at - make_interval(secs => $4)
            RETURNING last_at
            """;

    /**
     * Forgets the mentions of message $1 its content no longer makes: of those not named in $2, unless it still
     * mentions the whole channel ($3).
     */
    private static final String FORGET_UNNAMED = """
            DELETE FROM message_mentions WHERE message_id = $1 AND NOT $3 AND user_id <> ALL ($2::uuid[])
            """;

    private static final String LAST_CHANNEL_TURN = """
            SELECT last_at FROM channel_wide_mentions WHERE channel_id = $1 AND author_id = $2
            """;

    /** @return the users newly mentioned, in id order */
    public Uni<List<UUID>> record(SqlClient tx, UUID messageId, List<UUID> named, boolean wholeChannel,
                                  UUID authorId, Instant at) {
        Tuple parameters = Tuple.tuple().addUUID(messageId).addArrayOfUUID(named.toArray(UUID[]::new))
                .addBoolean(wholeChannel).addUUID(authorId).addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(RECORD).execute(parameters).map(rows -> {
            List<UUID> users = new ArrayList<>();
            for (Row row : rows) {
                users.add(row.getUUID("user_id"));
            }
            return users;
        });
    }

    public Uni<Void> forgetUnnamed(SqlClient tx, UUID messageId, List<UUID> named, boolean wholeChannel) {
        return tx.preparedQuery(FORGET_UNNAMED)
                .execute(Tuple.of(messageId, named.toArray(UUID[]::new), wholeChannel)).replaceWithVoid();
    }

    public Uni<Integer> channelMembers(SqlClient tx, UUID channelId) {
        return tx.preparedQuery(CHANNEL_MEMBERS).execute(Tuple.of(channelId))
                .map(rows -> rows.iterator().next().getInteger("members"));
    }

    /** @return empty when the turn was taken; else when the author's last whole-channel mention was */
    public Uni<Optional<Instant>> takeChannelTurn(SqlClient tx, UUID channelId, UUID authorId, Instant at,
                                                  long intervalSeconds) {
        Tuple parameters = Tuple.of(channelId, authorId, at.atOffset(ZoneOffset.UTC), (double) intervalSeconds);
        return tx.preparedQuery(TAKE_CHANNEL_TURN).execute(parameters).chain(rows -> rows.size() == 1
                ? Uni.createFrom().item(Optional.<Instant>empty())
                : tx.preparedQuery(LAST_CHANNEL_TURN).execute(Tuple.of(channelId, authorId))
                        .map(last -> Optional.of(last.iterator().next().getOffsetDateTime("last_at").toInstant())));
    }
}
