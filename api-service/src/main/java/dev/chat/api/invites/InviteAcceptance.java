package dev.chat.api.invites;

import dev.chat.api.access.Caller;
import dev.chat.api.identity.UserAccounts;
import dev.chat.api.identity.UserRepository.UserAccount;
import dev.chat.api.members.MemberEvents;
import dev.chat.api.members.MemberRepository;
import dev.chat.api.members.Seats;
import dev.chat.http.problems.ApiException;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepting an invite: whoever holds the token and is signed in becomes an active member, an email invite
 * only for its address. The workspace's seats are locked first ({@link Seats}). A refusal names what is wrong with
 * the token and nothing about the workspace.
 */
@ApplicationScoped
public class InviteAcceptance {


    private final EventTransactions transactions;
    private final Seats seats;
    private final InviteRepository invites;
    private final MemberRepository members;
    private final MemberEvents memberEvents;
    private final UserAccounts accounts;

    public InviteAcceptance(EventTransactions transactions, Seats seats, InviteRepository invites,
                            MemberRepository members, MemberEvents memberEvents, UserAccounts accounts) {
        this.transactions = transactions;
        this.seats = seats;
        this.invites = invites;
        this.members = members;
        this.memberEvents = memberEvents;
        this.accounts = accounts;
    }

    public Uni<InviteRequests.Accepted> accept(Caller caller, String token) {
        if (!InviteTokens.wellFormed(token)) {
            throw unknownInvite();
        }
        byte[] hash = InviteTokens.hash(token);
        return accounts.signIn(caller).chain(account -> transactions.run(tx -> invites.workspaceOfToken(tx, hash)
                .chain(workspace -> {
                    UUID workspaceId = workspace.orElseThrow(InviteAcceptance::unknownInvite);
                    return seats.lock(tx, workspaceId).chain(count -> invites.byToken(tx, hash)
                            .chain(invite -> members.member(tx, workspaceId, account.id())
                                    .chain(mine -> accept(tx, invite.orElseThrow(InviteAcceptance::unknownInvite),
                                            account, mine, count))));
                })));
    }

    private Uni<InviteRequests.Accepted> accept(SqlClient tx, Invite invite, UserAccount account,
                                               Optional<Member> mine, Seats.SeatCount count) {
        if (invite.revokedAt() != null) {
            throw new ApiException(ErrorCode.INVITE_REVOKED, "This invite was revoked: ask for a new one.");
        }
        if (mine.filter(member -> member.status() == Member.Status.ACTIVE).isPresent()) {
            return Uni.createFrom().item(new InviteRequests.Accepted(invite.workspaceId(), mine.get()));
        }
        if (invite.expiredAt(count.at())) {
            throw new ApiException(ErrorCode.INVITE_EXPIRED, "This invite has expired: ask for a new one.");
        }
        if (invite.usedUp()) {
            throw new ApiException(ErrorCode.INVITE_USED_UP, "This invite has been used as often as it allows.");
        }
        if (invite.kind() == Invite.Kind.EMAIL
                && (account.email() == null || !account.email().toLowerCase(Locale.ROOT).equals(invite.email()))) {
            throw new ApiException(ErrorCode.INVITE_WRONG_EMAIL, "This invite was sent to another address than the one "
                    + "you signed in with (addresses must be verified by your identity provider).");
        }
        UUID workspaceId = invite.workspaceId();
        Uni<Void> seated = mine.isPresent()
                ? members.activate(tx, workspaceId, account.id()).replaceWithVoid()
                : Uni.createFrom().item(count).invoke(Seats.SeatCount::requireFree)
                        .chain(() -> members.add(tx, workspaceId, account.id(), Member.Role.MEMBER,
                                Member.Status.ACTIVE));
        return seated.chain(() -> invites.use(tx, invite.id()))
                .chain(() -> members.member(tx, workspaceId, account.id()))
                .map(Optional::orElseThrow)
                .call(member -> memberEvents.announce(tx, EventType.MEMBER_JOINED, member))
                .map(member -> new InviteRequests.Accepted(workspaceId, member));
    }

    private static ApiException unknownInvite() {
        return new ApiException(ErrorCode.INVITE_NOT_FOUND, "No invite has this token.");
    }
}
