package dev.chat.api.identity;

import dev.chat.api.identity.UserRepository.UserAccount;
import dev.chat.api.members.MemberEvents;
import dev.chat.api.members.MemberRepository;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Someone signs in for the first time with a verified address that was invited before: the account made for that
 * address hands its invitations to theirs and is deleted, so the invites are theirs to accept. Clients that know the
 * invitation by its user id learn of the change: {@code member.removed} for the old account's place and
 * {@code member.invited} for the new one's, to the same rooms as the invitation went.
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
        return users.lockUnclaimed(tx, email).chain(unclaimed -> unclaimed.isEmpty()
                ? users.completeProfile(tx, account, email, name)
                : members.membershipsOf(tx, unclaimed.get()).chain(before -> users.takeOver(tx, unclaimed.get(),
                        account.id())
                        .chain(moved -> users.completeProfile(tx, account, email, name)
                                .call(completed -> announce(tx, before, moved, completed.id())))));
    }

    private Uni<Void> announce(SqlClient tx, List<Member> before, List<UUID> moved, UUID accountId) {
        return Multi.createFrom().iterable(before)
                .onItem().transformToUniAndConcatenate(old -> events.announce(tx, EventType.MEMBER_REMOVED, old)
                        .chain(() -> !moved.contains(old.workspaceId()) ? Uni.createFrom().voidItem()
                                : members.member(tx, old.workspaceId(), accountId).chain(now ->
                                        events.announce(tx, EventType.MEMBER_INVITED, now.orElseThrow()))))
                .collect().last().replaceWithVoid();
    }
}
