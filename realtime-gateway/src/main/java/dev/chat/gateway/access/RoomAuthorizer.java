package dev.chat.gateway.access;

import dev.chat.model.Room;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private static final String MAY_READ_WORKSPACE = """
            SELECT EXISTS (
                SELECT 1 FROM workspace_members wm
                WHERE wm.workspace_id = $2 AND wm.user_id = $1 AND wm.status = 'active')
            """;

    /**
     * Of many (user, room) pairs, the positions (1-based) of those no longer allowed: the three rules above, in one
     * statement for a whole batch of held rooms. User rooms are never re-checked (they are the user's own).
     */
    private static final String DENIED_AMONG = """
            SELECT s.position FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY
                AS s(user_id, kind, room_id, position)
            WHERE NOT CASE s.kind
                WHEN 'workspace' THEN EXISTS (
                    SELECT 1 FROM workspace_members wm
                    WHERE wm.workspace_id = s.room_id AND wm.user_id = s.user_id AND wm.status = 'active')
                WHEN 'channel' THEN EXISTS (
                    SELECT 1 FROM channels c
                    JOIN workspace_members wm
                      ON wm.workspace_id = c.workspace_id AND wm.user_id = s.user_id AND wm.status = 'active'
                    WHERE c.id = s.room_id
                      AND (c.visibility = 'public' OR EXISTS (SELECT 1 FROM channel_members cm
                                                              WHERE cm.channel_id = c.id AND cm.user_id = s.user_id)))
                WHEN 'thread' THEN EXISTS (
                    SELECT 1 FROM conversation_channels cc
                    JOIN channels c ON c.id = cc.channel_id
                    JOIN workspace_members wm
                      ON wm.workspace_id = c.workspace_id AND wm.user_id = s.user_id AND wm.status = 'active'
                    WHERE cc.conversation_id = s.room_id
                      AND (c.visibility = 'public' OR EXISTS (SELECT 1 FROM channel_members cm
                                                              WHERE cm.channel_id = c.id AND cm.user_id = s.user_id)))
                ELSE true
            END
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
            case WORKSPACE -> exists(MAY_READ_WORKSPACE, userId, room.id());
            case CHANNEL -> exists(MAY_READ_CHANNEL, userId, room.id());
            case THREAD -> exists(MAY_READ_THREAD, userId, room.id());
        };
    }

    /** @return the indexes (0-based) into {@code held} of the rooms their users may no longer read */
    public Uni<Set<Integer>> deniedAmong(List<HeldRoom> held) {
        UUID[] users = held.stream().map(HeldRoom::userId).toArray(UUID[]::new);
        String[] kinds = held.stream().map(h -> h.room().kind().prefix()).toArray(String[]::new);
        UUID[] ids = held.stream().map(h -> h.room().id()).toArray(UUID[]::new);
        return pool.preparedQuery(DENIED_AMONG).execute(Tuple.of(users, kinds, ids)).map(rows -> {
            Set<Integer> denied = new HashSet<>();
            rows.forEach(row -> denied.add(row.getLong("position").intValue() - 1));
            return denied;
        });
    }

    /** A room one user holds. */
    public record HeldRoom(UUID userId, Room room) {
    }

    private Uni<Boolean> exists(String sql, UUID userId, UUID roomId) {
        return pool.preparedQuery(sql).execute(Tuple.of(userId, roomId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
