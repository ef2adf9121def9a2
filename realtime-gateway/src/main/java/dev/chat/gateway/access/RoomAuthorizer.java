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

    /**
     * Of many (user, room) pairs, the positions (1-based) of those not allowed: a workspace room to its active
     * members, a channel or thread room to those who may read it (the schema's read functions, decision 0007), a
     * user room to that user. One statement for one subscription or a whole batch of held rooms.
     */
    static final String DENIED_AMONG = """
            SELECT s.position FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY
                AS s(user_id, kind, room_id, position)
            WHERE NOT CASE s.kind
                WHEN 'workspace' THEN EXISTS (
                    SELECT 1 FROM workspace_members wm
                    WHERE wm.workspace_id = s.room_id AND wm.user_id = s.user_id AND wm.status = 'active')
                WHEN 'channel' THEN EXISTS (
                    SELECT 1 FROM readable_channels(s.user_id) r WHERE r.channel_id = s.room_id)
                WHEN 'thread' THEN EXISTS (
                    SELECT 1 FROM readable_conversation_channels(s.user_id, s.room_id))
                WHEN 'user' THEN s.room_id = s.user_id
                ELSE false
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
        return deniedAmong(List.of(new HeldRoom(userId, room))).map(Set::isEmpty);
    }

    /** @return the indexes (0-based) into {@code held} of the rooms their users may not (or no longer) read */
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

}
