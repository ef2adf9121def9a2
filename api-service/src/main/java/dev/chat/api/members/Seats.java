package dev.chat.api.members;

import dev.chat.api.access.WorkspaceRoles;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.SeatLimitException;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Seats: active and invited members each hold one, up to the workspace's {@code seat_limit}. Everything that takes
 * or gives back a seat first locks the workspace row, so seat changes of one workspace happen one at a time and each
 * counts what the previous one committed: never a read-then-write race in Java
 * (docs/decisions/0005-limits-enforced-in-the-database.md).
 * A limit lowered below the count removes nobody; it only refuses new seats until enough members leave. An invited
 * member holds their seat while their invite can still be accepted: once it has run out, taking the lock gives the
 * seat back (announced as {@code member.removed}), and {@link ExpiredInvitations} does so for idle workspaces too.
 */
@ApplicationScoped
public class Seats {

    private final MemberRepository members;
    private final MemberEvents events;
    private final WorkspaceRoles roles;

    public Seats(MemberRepository members, MemberEvents events, WorkspaceRoles roles) {
        this.members = members;
        this.events = events;
        this.roles = roles;
    }

    /**
     * Locks the seats on behalf of a caller who must be an active member: anyone else is refused before the lock is
     * taken, so that outsiders cannot hold a workspace up. Read the caller's role again after it: only then is it
     * one no concurrent change can undo.
     */
    public Uni<SeatCount> lockForMember(SqlClient tx, String subject, UUID workspaceId) {
        return roles.activeMember(tx, subject, workspaceId).chain(() -> lock(tx, workspaceId));
    }

    /**
     * Seat changes exclude each other; inserts that merely reference the workspace (a channel, a member row) take a key
     * share lock, which this mode does not block, so they never wait on it nor deadlock with it.
     */
    static final String LOCK_WORKSPACE =
            "SELECT seat_limit, now() AS at FROM workspaces WHERE id = $1 FOR NO KEY UPDATE";

    /** A separate statement, so that (in READ COMMITTED) it sees every commit made before the lock was granted. */
    private static final String SEATS_USED = "SELECT count(*) FROM workspace_members WHERE workspace_id = $1";

    /**
     * Locks the workspace's seats for the rest of the transaction.
     *
     * @return the seats as they stand once locked
     */
    public Uni<SeatCount> lock(SqlClient tx, UUID workspaceId) {
        return tx.preparedQuery(LOCK_WORKSPACE).execute(Tuple.of(workspaceId)).chain(rows -> {
            if (rows.size() == 0) {
                throw new ApiException(ErrorCode.NOT_FOUND, "No such workspace.");
            }
            Row locked = rows.iterator().next();
            int limit = locked.getInteger("seat_limit");
            Instant at = locked.getOffsetDateTime("at").toInstant();
            return members.removeLapsedInvited(tx, workspaceId)
                    .call(released -> events.announceAll(tx, EventType.MEMBER_REMOVED, released))
                    .chain(released -> tx.preparedQuery(SEATS_USED).execute(Tuple.of(workspaceId))
                            .map(used -> new SeatCount(limit, used.iterator().next().getLong(0).intValue(), at,
                                    released.stream().map(Member::userId).collect(Collectors.toUnmodifiableSet()))));
        });
    }

    /**
     * The seats of a workspace at one moment.
     *
     * @param at the database's time for this transaction, by which invitations were found to have run out: the one
     *           clock to judge an invite's expiry by in the rest of it
     * @param released invited members whose invitation ran out, whose seats the lock has just given back
     */
    public record SeatCount(int limit, int used, Instant at, Set<UUID> released) {

        /** Fails with {@code seat_limit_reached} unless one more seat fits. */
        public void requireFree() {
            if (used >= limit) {
                throw new SeatLimitException(limit, used);
            }
        }
    }
}
