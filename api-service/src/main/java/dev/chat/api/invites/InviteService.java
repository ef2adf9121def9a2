package dev.chat.api.invites;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.Membership;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.api.identity.UserRepository;
import dev.chat.api.members.MemberEvents;
import dev.chat.api.members.MemberRepository;
import dev.chat.api.members.Seats;
import dev.chat.api.workspaces.WorkspaceRepository;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.EventType;
import dev.chat.model.Member;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Invites as admins manage them: email invites (which hold a seat for the address at once) and invite
 * links (which take a seat when used), listed and revoked. Every seat change locks the workspace's seats first
 * ({@link Seats}). Accepting is {@link InviteAcceptance}'s.
 */
@ApplicationScoped
public class InviteService {

    static final int EMAIL_MAX_CHARS = 254;
    static final int MAX_USES_LIMIT = 10_000;
    private static final Logger LOG = Logger.getLogger(InviteService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Pool pool;
    private final EventTransactions transactions;
    private final WorkspaceRoles roles;
    private final Seats seats;
    private final InviteRepository invites;
    private final MemberRepository members;
    private final MemberEvents memberEvents;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final InviteMailer mailer;
    private final InviteConfig config;

    public InviteService(Pool pool, EventTransactions transactions, WorkspaceRoles roles, Seats seats,
                         InviteRepository invites, MemberRepository members, MemberEvents memberEvents,
                         UserRepository users, WorkspaceRepository workspaces,
                         InviteMailer mailer, InviteConfig config) {
        this.pool = pool;
        this.transactions = transactions;
        this.roles = roles;
        this.seats = seats;
        this.invites = invites;
        this.members = members;
        this.memberEvents = memberEvents;
        this.users = users;
        this.workspaces = workspaces;
        this.mailer = mailer;
        this.config = config;
    }

    public Uni<InviteRequests.Created> create(String subject, UUID workspaceId, InviteRequests.Create request) {
        Fields.body(request);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(expiry(request.expiresInDays()));
        String token = InviteTokens.generate();
        String url = config.acceptUrl() + "#" + token;
        if (request.email() == null) {
            Integer maxUses = Fields.range(request.maxUses(), "max_uses", 1, MAX_USES_LIMIT); // absent: no limit
            return transactions.run(tx -> seats.lockForMember(tx, subject, workspaceId)
                    .chain(count -> roles.admin(tx, subject, workspaceId).invoke(() -> count.requireFree()))
                    .chain(admin -> {
                        Invite invite = new Invite(UuidCreator.getTimeOrderedEpoch(), workspaceId, Invite.Kind.LINK,
                                null, maxUses, 0, expiresAt, null, now, admin.userId());
                        return invites.insert(tx, invite, InviteTokens.hash(token)).replaceWith(new InviteRequests
                                .Created(invite.id(), Invite.Kind.LINK, null, url, token, maxUses, expiresAt));
                    }));
        }
        String email = email(request.email());
        if (request.maxUses() != null && request.maxUses() != 1) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "An email invite is used once: leave 'max_uses' out or set it to 1.");
        }
        return transactions.run(tx -> seats.lockForMember(tx, subject, workspaceId)
                .chain(count -> roles.admin(tx, subject, workspaceId)
                        .chain(admin -> users.forInvitedEmail(tx, email)
                                .chain(userId -> members.member(tx, workspaceId, userId)
                                        .chain(existing -> holdSeat(tx, workspaceId, userId, existing, count)))
                                .chain(() -> invites.revokeExpiredForEmail(tx, workspaceId, email))
                                .chain(() -> insertEmailInvite(tx, workspaceId, email, expiresAt, now, admin, token))
                                .chain(invite -> mail(tx, invite, admin, url)))))
                .call(prepared -> send(prepared.mail()))
                .map(mail -> new InviteRequests.Created(mail.inviteId(), Invite.Kind.EMAIL, email, null, null, 1,
                        expiresAt));
    }

    private Uni<Invite> insertEmailInvite(SqlClient tx, UUID workspaceId, String email, Instant expiresAt, Instant now,
                                          Membership admin, String token) {
        Invite invite = new Invite(UuidCreator.getTimeOrderedEpoch(), workspaceId, Invite.Kind.EMAIL, email, 1, 0,
                expiresAt, null, now, admin.userId());
        return invites.insert(tx, invite, InviteTokens.hash(token)).invoke(inserted -> {
            if (!inserted) {
                throw new ApiException(ErrorCode.ALREADY_INVITED,
                        "This address has an invite that is still valid; revoke it to send another.");
            }
        }).replaceWith(invite);
    }

    /** An address new to the workspace takes a seat now; one invited before keeps the seat it has. */
    private Uni<Void> holdSeat(SqlClient tx, UUID workspaceId, UUID userId, Optional<Member> existing,
                               Seats.SeatCount count) {
        if (existing.isPresent()) {
            if (existing.get().status() == Member.Status.ACTIVE) {
                throw new ApiException(ErrorCode.ALREADY_MEMBER, "This address belongs to a member already.");
            }
            return Uni.createFrom().voidItem();
        }
        count.requireFree();
        return members.add(tx, workspaceId, userId, Member.Role.MEMBER, Member.Status.INVITED)
                .chain(() -> members.member(tx, workspaceId, userId))
                .chain(member -> memberEvents.announce(tx, EventType.MEMBER_INVITED, member.orElseThrow()));
    }

    /** The invite stands once committed; a mail that fails is logged, and the admin can revoke and invite again. */
    private Uni<Void> send(InviteMail mail) {
        return mailer.send(mail).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Sending %s failed: %s", mail, failure.getMessage());
            return null;
        });
    }

    private Uni<PreparedMail> mail(SqlClient tx, Invite invite, Membership admin, String url) {
        return workspaces.name(tx, invite.workspaceId()).chain(workspaceName -> members
                .member(tx, invite.workspaceId(), admin.userId())
                .map(inviter -> new PreparedMail(invite.id(), new InviteMail(invite.email(), workspaceName,
                        inviter.map(m -> m.name() != null ? m.name() : m.email()).orElse(null), url,
                        invite.expiresAt()))));
    }

    public Uni<List<Invite>> list(String subject, UUID workspaceId) {
        return pool.withConnection(c -> roles.admin(c, subject, workspaceId)
                .chain(() -> invites.pending(c, workspaceId)));
    }

    /** Revokes the invite; an email invite's unaccepted seat is given back. Revoking twice changes nothing. */
    public Uni<Void> revoke(String subject, UUID workspaceId, UUID inviteId) {
        return transactions.run(tx -> seats.lockForMember(tx, subject, workspaceId)
                .chain(() -> roles.admin(tx, subject, workspaceId))
                .chain(() -> invites.byId(tx, inviteId, workspaceId))
                .chain(found -> {
                    Invite invite = found.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                            "No such invite."));
                    boolean email = invite.kind() == Invite.Kind.EMAIL;
                    return invites.revoke(tx, invite.id()).chain(revoked -> revoked && email
                            ? members.removeInvited(tx, workspaceId, invite.email()).chain(removed -> removed
                                    .map(member -> memberEvents.announce(tx, EventType.MEMBER_REMOVED, member))
                                    .orElseGet(() -> Uni.createFrom().voidItem()))
                            : Uni.createFrom().voidItem());
                }));
    }

    private Duration expiry(Integer days) {
        Integer valid = Fields.range(days, "expires_in_days", 1, (int) config.maxExpiry().toDays());
        return valid == null ? config.defaultExpiry() : Duration.ofDays(valid);
    }

    private static String email(String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > EMAIL_MAX_CHARS || !EMAIL.matcher(email).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Field 'email' must be an email address.");
        }
        return email;
    }

    /** The mail to send once the invite has committed. */
    private record PreparedMail(UUID inviteId, InviteMail mail) {
    }
}
