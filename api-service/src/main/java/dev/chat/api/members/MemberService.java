package dev.chat.api.members;

import dev.chat.api.access.WorkspaceRoles;
import dev.chat.http.problems.ApiException;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The people of a workspace: who is in it, and leaving or being removed (which gives the seat back). */
@ApplicationScoped
public class MemberService {


    private final Pool pool;
    private final EventTransactions transactions;
    private final WorkspaceRoles roles;
    private final Seats seats;
    private final MemberRepository members;
    private final MemberEvents events;

    public MemberService(Pool pool, EventTransactions transactions, WorkspaceRoles roles, Seats seats,
                         MemberRepository members, MemberEvents events) {
        this.pool = pool;
        this.transactions = transactions;
        this.roles = roles;
        this.seats = seats;
        this.members = members;
        this.events = events;
    }

    /** Active members; admins also see who is invited. */
    public Uni<List<Member>> list(String subject, UUID workspaceId) {
        return pool.withConnection(c -> roles.activeMember(c, subject, workspaceId)
                .chain(me -> members.list(c, workspaceId, me.admin())));
    }

    /**
     * Removes a member from the workspace and all its channels: admins remove anyone, members themselves (leaving).
     * The last admin cannot go, or nobody could manage the workspace. The member's unused email invites to the
     * workspace are revoked with them, so that removal is not undone by an old invite.
     */
    public Uni<Void> remove(String subject, UUID workspaceId, UUID userId) {
        // Seats first (members only): the caller's role is then read after any concurrent change to it has committed.
        return transactions.run(tx -> seats.lockForMember(tx, subject, workspaceId).chain(count -> roles
                .activeMember(tx, subject, workspaceId).chain(me -> {
                    if (!me.admin() && !me.userId().equals(userId)) {
                        throw new ApiException(ErrorCode.ADMIN_REQUIRED, "Only admins remove other members.");
                    }
                    if (count.released().contains(userId)) {
                        return Uni.createFrom().voidItem(); // an invitation that ran out: the lock just removed it
                    }
                    return members.admins(tx, workspaceId)
                            .chain(admins -> {
                                if (admins.size() == 1 && admins.contains(userId)) {
                                    throw new ApiException(ErrorCode.LAST_ADMIN,
                                            "The workspace's last admin cannot leave it: a workspace always "
                                                    + "keeps one.");
                                }
                                return members.remove(tx, workspaceId, userId);
                            })
                            .chain(removed -> events.announce(tx, EventType.MEMBER_REMOVED, removed.orElseThrow(() ->
                                    new ApiException(ErrorCode.NOT_FOUND, "No such member of this workspace."))));
                })));
    }
}
