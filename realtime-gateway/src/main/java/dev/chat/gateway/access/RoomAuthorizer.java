package dev.chat.gateway.access;

import dev.chat.model.Room;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides, from the database at the moment of asking, who may subscribe to a room (docs/architecture.md, "Rooms and
 * authorization"). Never from token claims, which stay stale until they expire.
 */
@ApplicationScoped
public class RoomAuthorizer {

    private static final String USER_FOR_SUBJECT = "SELECT id FROM users WHERE idp_subject = $1";

    /** Active member of the channel's workspace, and of the channel itself when it is private. */
    private static final String MAY_READ_CHANNEL = """
            SELECT EXISTS (
                SELECT 1 FROM channels c
                JOIN workspace_members wm
                  ON wm.workspace_id = c.workspace_id AND wm.user_id = $1 AND wm.status = 'active'
                WHERE c.id = $2
                  AND (c.visibility = 'public'
                       OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $1)))
            """;

    /** May read at least one channel the conversation is shared into. */
    private static final String MAY_READ_THREAD = """
            SELECT EXISTS (
                SELECT 1 FROM conversation_channels cc
                JOIN channels c ON c.id = cc.channel_id
                JOIN workspace_members wm
                  ON wm.workspace_id = c.workspace_id AND wm.user_id = $1 AND wm.status = 'active'
                WHERE cc.conversation_id = $2
                  AND (c.visibility = 'public'
                       OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $1)))
            """;

    private final Pool pool;

    public RoomAuthorizer(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<UUID>> userIdForSubject(String subject) {
        return pool.preparedQuery(USER_FOR_SUBJECT).execute(Tuple.of(subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    public Uni<Boolean> maySubscribe(UUID userId, Room room) {
        return switch (room.kind()) {
            case USER -> Uni.createFrom().item(room.id().equals(userId));
            case CHANNEL -> exists(MAY_READ_CHANNEL, userId, room.id());
            case THREAD -> exists(MAY_READ_THREAD, userId, room.id());
        };
    }

    private Uni<Boolean> exists(String sql, UUID userId, UUID roomId) {
        return pool.preparedQuery(sql).execute(Tuple.of(userId, roomId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
