package dev.chat.api.identity;

import dev.chat.api.identity.UserRepository.UserAccount;
import dev.chat.api.members.MemberEvents;
import dev.chat.api.members.MemberRepository;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Someone signs in for the first time with a verified address that was invited before: the account made for that
 * address hands its invitations to theirs and is deleted, so the invites are theirs to accept. Clients that know an
 * invitation by its user id learn of the change: {@code member.removed} for the old account's place, then
 * {@code member.invited} for the new one's where the invitation moved (not where they were a member already).
 * <p>
 * The old account is first held in a mode that still lets new invitations reference it, and the invitations move; only
 * then is it locked against new references, and what arrived meanwhile moves too. A seat change that deletes or adds
 * an invitation of that account holds the invitation's row before it references the account, so locking the account
 * against references first could wait on such a change while it waits on the lock (InvitationTakeoverTest).
 */
@ApplicationScoped
public class InvitationTakeover {

    private final UserRepository users;
    private final MemberRepository members;
    private final MemberEvents events;

    public InvitationTakeover(UserRepository users, MemberRepository members, MemberEvents events) {
        this.users = users;
        this.members = members;
        this.events = events;
    }

    /** Gives the account its profile, taking over what was invited to its address; in the caller's transaction. */
    public Uni<UserAccount> completeProfile(SqlClient tx, UserAccount account, String email, String name) {
        if (email == null) {
            return users.completeProfile(tx, account, null, name);
        }
        return users.unclaimed(tx, email).chain(unclaimed -> unclaimed.isEmpty()
                ? users.completeProfile(tx, account, email, name)
                : takeOver(tx, unclaimed.get(), account.id())
                        .chain(handedOver -> users.completeProfile(tx, account, email, name)
                                .call(completed -> announce(tx, handedOver, completed.id()))));
    }

    private Uni<HandedOver> takeOver(SqlClient tx, UUID unclaimed, UUID accountId) {
        return members.moveToAccount(tx, unclaimed, accountId).chain(movedFirst -> users.lockUnclaimed(tx, unclaimed)
                .chain(stillThere -> !stillThere ? Uni.createFrom().item(new HandedOver(movedFirst, List.of()))
                        : members.moveToAccount(tx, unclaimed, accountId).chain(movedMeanwhile -> members
                                .removeAllOf(tx, unclaimed)
                                .call(() -> users.deleteUnclaimed(tx, unclaimed))
                                .map(dropped -> new HandedOver(concat(movedFirst, movedMeanwhile), dropped)))));
    }

    private static List<Member> concat(List<Member> first, List<Member> second) {
        List<Member> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Uni<Void> announce(SqlClient tx, HandedOver handedOver, UUID accountId) {
        return events.announceAll(tx, EventType.MEMBER_REMOVED, concat(handedOver.moved(), handedOver.dropped()))
                .chain(() -> members.membershipsIn(tx, accountId,
                        handedOver.moved().stream().map(Member::workspaceId).toList()))
                .chain(arrived -> events.announceAll(tx, EventType.MEMBER_INVITED, arrived));
    }

    /** Invitations moved to the new account, and those dropped where it was a member already; as they were. */
    private record HandedOver(List<Member> moved, List<Member> dropped) {
    }
}
