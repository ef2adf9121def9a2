package dev.chat.api.members;

import dev.chat.api.access.Membership;
import dev.chat.model.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Workspace membership: who belongs to a workspace, with which role and status. */
@ApplicationScoped
public class MemberRepository {

    private static final String OF_USER = """
            SELECT user_id, role, status FROM workspace_members WHERE user_id = $1 AND workspace_id = $2
            """;

    private static final String MEMBER = """
            SELECT wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            FROM workspace_members wm JOIN users u ON u.id = wm.user_id
            WHERE wm.workspace_id = $1 AND wm.user_id = $2
            """;

    /**
     * An unclaimed account's invitations move to the account now signed in, except to workspaces it is already in;
     * each moved one is returned as it was.
     */
    private static final String MOVE_TO_ACCOUNT = """
            WITH moved AS (
                UPDATE workspace_members m SET user_id = $2
                WHERE m.user_id = $1
                  AND NOT EXISTS (SELECT 1 FROM workspace_members mine
                                  WHERE mine.user_id = $2 AND mine.workspace_id = m.workspace_id)
                RETURNING m.workspace_id, m.role, m.status, m.joined_at
            )
            SELECT moved.workspace_id, u.id AS user_id, u.email, u.name, moved.role, moved.status, moved.joined_at
            FROM moved JOIN users u ON u.id = $1
            """;

    private static final String MEMBERSHIPS_IN = """
            SELECT wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            FROM workspace_members wm JOIN users u ON u.id = wm.user_id
            WHERE wm.user_id = $1 AND wm.workspace_id = ANY($2)
            ORDER BY wm.workspace_id
            """;

    private static final String REMOVE_ALL_OF_USER = """
            DELETE FROM workspace_members wm USING users u
            WHERE wm.user_id = $1 AND u.id = wm.user_id
            RETURNING wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            """;

    private static final String LIST = """
            SELECT wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            FROM workspace_members wm JOIN users u ON u.id = wm.user_id
            WHERE wm.workspace_id = $1 AND (wm.status = 'active' OR $2)
            ORDER BY wm.status, lower(coalesce(u.name, u.email)), wm.user_id
            """;

    private static final String ADMINS = """
            SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND role = 'admin' AND status = 'active'
            """;

    private static final String ADD = """
            INSERT INTO workspace_members (workspace_id, user_id, role, status, joined_at)
            VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'active' THEN now() END)
            """;

    private static final String ACTIVATE = """
            UPDATE workspace_members SET status = 'active', joined_at = now()
            WHERE workspace_id = $1 AND user_id = $2 AND status = 'invited'
            """;

    /**
     * Taken before a member is removed, in a statement of its own: a channel join that holds the row (see
     * {@link #lockActive}) finishes first, and the removal's next statement sees what it wrote.
     */
    private static final String LOCK_FOR_REMOVAL = """
            SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE
            """;

    /** An email invite ({@code i}) neither used nor revoked: the invitation it holds a seat for may still be taken. */
    private static final String UNUSED_EMAIL_INVITE = "i.kind = 'email' AND i.revoked_at IS NULL AND i.use_count = 0";

    /**
     * Leaving a workspace leaves its channels too (not its DMs: their people are fixed, and only active members read
     * them), and revokes the address's unused email invites there.
     */
    private static final String REMOVE = """
            WITH removed AS (
                DELETE FROM workspace_members wm USING users u
                WHERE wm.user_id = u.id AND wm.workspace_id = $1 AND wm.user_id = $2
                RETURNING wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            ), left_channels AS (
                DELETE FROM channel_members cm USING channels c
                WHERE cm.channel_id = c.id AND c.workspace_id = $1 AND c.kind = 'channel' AND cm.user_id = $2
            ), revoked_invites AS (
                UPDATE invites i SET revoked_at = now() FROM removed r
                WHERE i.workspace_id = r.workspace_id AND i.email = lower(r.email) AND\s""" + UNUSED_EMAIL_INVITE + """
            )
            SELECT * FROM removed
            """;

    /** An active member's row, held until commit so that a concurrent removal waits (channel joins). */
    private static final String LOCK_ACTIVE = """
            SELECT 1 FROM workspace_members
            WHERE workspace_id = $1 AND user_id = $2 AND status = 'active' FOR SHARE
            """;

    /** The seat an email invite held for an address that never accepted it. */
    private static final String REMOVE_INVITED_EMAIL = """
            DELETE FROM workspace_members wm USING users u
            WHERE wm.user_id = u.id AND wm.workspace_id = $1 AND lower(u.email) = $2 AND wm.status = 'invited'
            RETURNING wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            """;

    /** An invited member whose email invite can no longer be accepted: it ran out (or is gone). */
    private static final String INVITATION_LAPSED = """
            wm.status = 'invited' AND NOT EXISTS (
                SELECT 1 FROM invites i
                WHERE i.workspace_id = wm.workspace_id AND i.email = lower(u.email) AND\s""" + UNUSED_EMAIL_INVITE + """
                  AND i.expires_at > now())
            """;

    private static final String REMOVE_LAPSED_INVITED = """
            DELETE FROM workspace_members wm USING users u
            WHERE wm.user_id = u.id AND wm.workspace_id = $1 AND\s""" + INVITATION_LAPSED + """
            RETURNING wm.workspace_id, wm.user_id, u.email, u.name, wm.role, wm.status, wm.joined_at
            """;

    private static final String WORKSPACES_WITH_LAPSED_INVITED = """
            SELECT DISTINCT wm.workspace_id FROM workspace_members wm JOIN users u ON u.id = wm.user_id
            WHERE\s""" + INVITATION_LAPSED + """
            LIMIT $1
            """;

    /** Everyone in #general (the workspace's own channel) as they join. */
    private static final String JOIN_GENERAL = """
            INSERT INTO channel_members (channel_id, user_id)
            SELECT id, $2 FROM channels WHERE workspace_id = $1 AND slug = 'general'
            ON CONFLICT DO NOTHING
            """;

    /** The caller's membership of the workspace; empty when they have no account or are not in it. */
    public Uni<Optional<Membership>> ofUser(SqlClient client, UUID userId, UUID workspaceId) {
        return client.preparedQuery(OF_USER).execute(Tuple.of(userId, workspaceId)).map(Membership::first);
    }

    /** The member with their profile, whatever their status; empty when not in the workspace. */
    public Uni<Optional<Member>> member(SqlClient client, UUID workspaceId, UUID userId) {
        return client.preparedQuery(MEMBER).execute(Tuple.of(workspaceId, userId)).map(MemberRepository::firstMember);
    }

    /** Moves {@code from}'s memberships to {@code to} where it has none. @return the moved ones as they were */
    public Uni<List<Member>> moveToAccount(SqlClient tx, UUID from, UUID to) {
        return tx.preparedQuery(MOVE_TO_ACCOUNT).execute(Tuple.of(from, to)).map(MemberRepository::members);
    }

    /** The user's place in each of {@code workspaces} they are in or invited to. */
    public Uni<List<Member>> membershipsIn(SqlClient client, UUID userId, List<UUID> workspaces) {
        return client.preparedQuery(MEMBERSHIPS_IN).execute(Tuple.of(userId, workspaces.toArray(UUID[]::new)))
                .map(MemberRepository::members);
    }

    /** Removes the user from every workspace. @return the memberships as they were */
    public Uni<List<Member>> removeAllOf(SqlClient tx, UUID userId) {
        return tx.preparedQuery(REMOVE_ALL_OF_USER).execute(Tuple.of(userId)).map(MemberRepository::members);
    }

    /** Active members, and invited ones too when {@code withInvited}. */
    public Uni<List<Member>> list(SqlClient client, UUID workspaceId, boolean withInvited) {
        return client.preparedQuery(LIST).execute(Tuple.of(workspaceId, withInvited)).map(MemberRepository::members);
    }

    public Uni<List<UUID>> admins(SqlClient client, UUID workspaceId) {
        return client.preparedQuery(ADMINS).execute(Tuple.of(workspaceId)).map(rows -> uuids(rows, "user_id"));
    }

    /** Adds the user (an invited one holds a seat without access); an active one joins #general. */
    public Uni<Void> add(SqlClient tx, UUID workspaceId, UUID userId, Member.Role role, Member.Status status) {
        Uni<Void> added = tx.preparedQuery(ADD)
                .execute(Tuple.of(workspaceId, userId, role.wireName(), status.wireName())).replaceWithVoid();
        return status == Member.Status.ACTIVE ? added.chain(() -> joinGeneral(tx, workspaceId, userId)) : added;
    }

    /** An invited member becomes active and joins #general. @return whether they were invited */
    public Uni<Boolean> activate(SqlClient tx, UUID workspaceId, UUID userId) {
        return tx.preparedQuery(ACTIVATE).execute(Tuple.of(workspaceId, userId)).chain(rows -> rows.rowCount() == 0
                ? Uni.createFrom().item(false)
                : joinGeneral(tx, workspaceId, userId).replaceWith(true));
    }

    /** Takes the user out of the workspace and its channels. @return the member as they were, if they were in it */
    public Uni<Optional<Member>> remove(SqlClient tx, UUID workspaceId, UUID userId) {
        Tuple member = Tuple.of(workspaceId, userId);
        return tx.preparedQuery(LOCK_FOR_REMOVAL).execute(member)
                .chain(() -> tx.preparedQuery(REMOVE).execute(member)).map(MemberRepository::firstMember);
    }

    /**
     * Holds an active member's row for the rest of the transaction, so that they cannot be removed from the
     * workspace while being added to one of its channels. @return whether they are an active member
     */
    public Uni<Boolean> lockActive(SqlClient tx, UUID workspaceId, UUID userId) {
        return tx.preparedQuery(LOCK_ACTIVE).execute(Tuple.of(workspaceId, userId)).map(rows -> rows.size() == 1);
    }

    /** Frees the seat an unaccepted email invite held. @return the invited member as they were, if any */
    public Uni<Optional<Member>> removeInvited(SqlClient tx, UUID workspaceId, String email) {
        return tx.preparedQuery(REMOVE_INVITED_EMAIL).execute(Tuple.of(workspaceId, email))
                .map(MemberRepository::firstMember);
    }

    /** Frees the seats of invited members whose invite ran out. @return those members as they were */
    public Uni<List<Member>> removeLapsedInvited(SqlClient tx, UUID workspaceId) {
        return tx.preparedQuery(REMOVE_LAPSED_INVITED).execute(Tuple.of(workspaceId)).map(MemberRepository::members);
    }

    /** Workspaces where some invited member's invite ran out, at most {@code limit} of them. */
    public Uni<List<UUID>> workspacesWithLapsedInvited(SqlClient client, int limit) {
        return client.preparedQuery(WORKSPACES_WITH_LAPSED_INVITED).execute(Tuple.of(limit))
                .map(rows -> uuids(rows, "workspace_id"));
    }

    private Uni<Void> joinGeneral(SqlClient tx, UUID workspaceId, UUID userId) {
        return tx.preparedQuery(JOIN_GENERAL).execute(Tuple.of(workspaceId, userId)).replaceWithVoid();
    }

    private static List<UUID> uuids(RowSet<Row> rows, String column) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID(column)));
        return ids;
    }

    private static List<Member> members(RowSet<Row> rows) {
        List<Member> members = new ArrayList<>();
        rows.forEach(row -> members.add(toMember(row)));
        return members;
    }

    private static Optional<Member> firstMember(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toMember(rows.iterator().next()));
    }

    private static Member toMember(Row row) {
        OffsetDateTime joined = row.getOffsetDateTime("joined_at");
        return new Member(row.getUUID("workspace_id"), row.getUUID("user_id"), row.getString("email"),
                row.getString("name"), Member.Role.valueOf(row.getString("role").toUpperCase(Locale.ROOT)),
                Member.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                joined == null ? null : joined.toInstant());
    }

}
