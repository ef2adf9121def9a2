package dev.chat.api.channels;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.ChannelAccess;
import dev.chat.api.access.Membership;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.api.members.MemberRepository;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.Channel;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.Slugs;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Channels: create, list, read, topic, archive, join, leave, members. Every decision is made inside the transaction
 * that acts, from the database. A private channel is invisible (404) to anyone who is neither in it nor, for managing
 * its members, a workspace admin.
 */
@ApplicationScoped
public class ChannelService {

    static final int NAME_MAX_CHARS = 80;
    static final int TOPIC_MAX_CHARS = 250;
    /** Every workspace's #general: everyone stays in it and it is never archived. */
    static final String GENERAL = "general";

    private final Pool pool;
    private final EventTransactions transactions;
    private final ChannelEvents events;
    private final WorkspaceRoles roles;
    private final MemberRepository members;
    private final ChannelRepository channels;

    public ChannelService(Pool pool, EventTransactions transactions, ChannelEvents events, WorkspaceRoles roles,
                          MemberRepository members, ChannelRepository channels) {
        this.pool = pool;
        this.transactions = transactions;
        this.events = events;
        this.roles = roles;
        this.members = members;
        this.channels = channels;
    }

    public Uni<List<Channel>> list(String subject, UUID workspaceId) {
        return pool.withConnection(c -> roles.activeMember(c, subject, workspaceId)
                .chain(me -> channels.listedFor(c, workspaceId, me.userId())));
    }

    public Uni<Channel> create(String subject, UUID workspaceId, ChannelRequests.Create request) {
        Fields.body(request);
        String name = Fields.name(request.name(), "name", NAME_MAX_CHARS);
        String topic = Fields.label(request.topic(), "topic", TOPIC_MAX_CHARS);
        Channel.Visibility visibility = request.visibility() == null ? Channel.Visibility.PUBLIC : request.visibility();
        String base = Slugs.from(name, Limits.CHANNEL_SLUG_MAX_CHARS, "channel");
        return transactions.run(tx -> roles.activeMember(tx, subject, workspaceId)
                .call(me -> stillActive(tx, workspaceId, me.userId()))
                .chain(me -> createWithFreeSlug(tx, me, workspaceId, name, base, visibility, topic, 1)
                        .call(channel -> events.created(tx, channel, me.userId()))));
    }

    /**
     * A slug a visible channel has is a conflict the caller can see; one a private channel they are not in has is
     * skipped silently (the next number is taken), so that a name reveals nothing about private channels.
     */
    private Uni<Channel> createWithFreeSlug(SqlClient tx, Membership me, UUID workspaceId, String name, String base,
                                           Channel.Visibility visibility, String topic, int n) {
        String slug = Slugs.candidate(base, n, Limits.CHANNEL_SLUG_MAX_CHARS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return channels.create(tx, UuidCreator.getTimeOrderedEpoch(), me.userId(), workspaceId, name, slug,
                        visibility, topic, now)
                .chain(created -> created.map(channel -> Uni.createFrom().item(channel)).orElseGet(() ->
                        channels.visibleIn(tx, workspaceId, me.userId()).chain(visible -> {
                            Optional<Channel> same = visible.stream().filter(c -> c.slug().equals(slug)).findFirst();
                            if (same.isPresent()) {
                                throw new ApiException(ErrorCode.CHANNEL_EXISTS,
                                        "A channel #" + slug + " exists already.",
                                        Map.of("channel_id", same.get().id()));
                            }
                            return createWithFreeSlug(tx, me, workspaceId, name, base, visibility, topic, n + 1);
                        })));
    }

    public Uni<Channel> get(String subject, UUID channelId) {
        return pool.withConnection(c -> readable(c, subject, channelId).map(Access::channel));
    }

    public Uni<Channel> setTopic(String subject, UUID channelId, ChannelRequests.Update request) {
        // An update names what it changes: clearing the topic is "topic": "", never an empty body.
        Fields.required(Fields.body(request).topic(), "topic");
        String topic = Fields.label(request.topic(), "topic", TOPIC_MAX_CHARS);
        return transactions.run(tx -> readable(tx, subject, channelId).chain(access -> {
            if (!access.channel().member()) {
                throw new ApiException(ErrorCode.NOT_IN_CHANNEL, "Join the channel to set its topic.");
            }
            return open(access).chain(ok -> channels.setTopic(tx, channelId, topic));
        }).chain(() -> readable(tx, subject, channelId)).map(Access::channel)
                .call(channel -> events.updated(tx, channel)));
    }

    public Uni<Channel> archive(String subject, UUID channelId) {
        return transactions.run(tx -> readable(tx, subject, channelId).chain(access -> {
            if (!access.me().admin() && !access.me().userId().equals(access.createdBy())) {
                throw new ApiException(ErrorCode.ADMIN_REQUIRED, "Only workspace admins and the channel's "
                        + "creator may archive it.");
            }
            protectGeneral(access.channel());
            return open(access).chain(ok -> channels.archive(tx, channelId));
        }).chain(() -> readable(tx, subject, channelId)).map(Access::channel)
                .call(channel -> events.updated(tx, channel)));
    }

    public Uni<Channel> join(String subject, UUID channelId) {
        return transactions.run(tx -> readable(tx, subject, channelId).chain(access -> open(access)
                .chain(ok -> stillActive(tx, access.channel().workspaceId(), access.me().userId()))
                .chain(ok -> channels.addMember(tx, channelId, access.me().userId()))
                .chain(added -> readable(tx, subject, channelId).map(Access::channel)
                        .call(channel -> added
                                ? events.member(tx, EventType.CHANNEL_MEMBER_JOINED, channel, access.me().userId(),
                                        access.me().userId())
                                : Uni.createFrom().voidItem()))));
    }

    public Uni<Void> leave(String subject, UUID channelId) {
        return transactions.run(tx -> readable(tx, subject, channelId).chain(access -> {
            protectGeneral(access.channel());
            UUID me = access.me().userId();
            return channels.removeMember(tx, channelId, me).chain(removed -> removed
                    ? events.member(tx, EventType.CHANNEL_MEMBER_LEFT, access.channel(), me, me)
                    : Uni.createFrom().voidItem());
        }));
    }

    /** Adds an active workspace member; to a private channel only its members and admins may add. */
    public Uni<Void> addMember(String subject, UUID channelId, ChannelRequests.AddMember request) {
        Fields.required(Fields.body(request).userId(), "user_id");
        return transactions.run(tx -> manageable(tx, subject, channelId).chain(access -> open(access)
                .chain(ok -> members.ofUser(tx, request.userId(), access.channel().workspaceId()))
                .chain(target -> {
                    Membership member = target.orElseThrow(() ->
                            new ApiException(ErrorCode.NOT_FOUND, "No such member of this workspace."));
                    if (!member.active()) {
                        throw new ApiException(ErrorCode.MEMBER_NOT_ACTIVE,
                                "This member has not accepted the invite yet.");
                    }
                    return stillActive(tx, access.channel().workspaceId(), member.userId())
                            .chain(() -> channels.addMember(tx, channelId, member.userId())).chain(added -> added
                            ? events.member(tx, EventType.CHANNEL_MEMBER_JOINED, access.channel(), member.userId(),
                                    access.me().userId())
                            : Uni.createFrom().voidItem());
                })));
    }

    /** Removes a member: from a private channel its members and admins may; from a public one admins may. */
    public Uni<Void> removeMember(String subject, UUID channelId, UUID userId) {
        return transactions.run(tx -> manageable(tx, subject, channelId).chain(access -> {
            protectGeneral(access.channel());
            if (access.channel().visibility() == Channel.Visibility.PUBLIC && !access.me().admin()
                    && !access.me().userId().equals(userId)) {
                throw new ApiException(ErrorCode.ADMIN_REQUIRED,
                        "Only admins remove others from public channels.");
            }
            return channels.removeMember(tx, channelId, userId).chain(removed -> removed
                    ? events.member(tx, EventType.CHANNEL_MEMBER_LEFT, access.channel(), userId, access.me().userId())
                    : Uni.createFrom().voidItem());
        }));
    }

    /** Holds the member's row until commit; a removal that committed meanwhile makes them no member at all. */
    private Uni<Void> stillActive(SqlClient tx, UUID workspaceId, UUID userId) {
        return members.lockActive(tx, workspaceId, userId).invoke(active -> {
            if (!active) {
                throw new ApiException(ErrorCode.NOT_FOUND, "No such member of this workspace.");
            }
        }).replaceWithVoid();
    }

    /** The caller and a channel they may read: public ones of their workspace, private ones they are in. */
    private Uni<Access> readable(SqlClient client, String subject, UUID channelId) {
        return access(client, subject, channelId, false);
    }

    /** Like {@link #readable}, but workspace admins also reach private channels they are not in. */
    private Uni<Access> manageable(SqlClient client, String subject, UUID channelId) {
        return access(client, subject, channelId, true);
    }

    private Uni<Access> access(SqlClient client, String subject, UUID channelId, boolean adminsSeePrivate) {
        return channels.forSubject(client, channelId, subject).map(found -> {
            ChannelRepository.CallerView view = found.orElseThrow(ChannelAccess::noSuchChannel);
            Membership me = view.membership().orElseThrow(ChannelAccess::noSuchChannel);
            Channel channel = view.channel();
            if (!view.readable() && !(adminsSeePrivate && me.admin())) {
                throw ChannelAccess.noSuchChannel();
            }
            WorkspaceRoles.requireActive(me);
            return new Access(me, channel, view.createdBy());
        });
    }

    private static Uni<Boolean> open(Access access) {
        if (access.channel().archivedAt() != null) {
            throw new ApiException(ErrorCode.CHANNEL_ARCHIVED, "This channel is archived.");
        }
        return Uni.createFrom().item(true);
    }

    private static void protectGeneral(Channel channel) {
        if (GENERAL.equals(channel.slug())) {
            throw new ApiException(ErrorCode.CHANNEL_PROTECTED,
                    "#general holds the whole workspace: nobody leaves it and it is never archived.");
        }
    }

    /** The caller, the channel as they see it, and who created it. */
    private record Access(Membership me, Channel channel, UUID createdBy) {
    }
}
