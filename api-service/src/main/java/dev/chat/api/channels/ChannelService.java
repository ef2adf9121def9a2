package dev.chat.api.channels;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.errors.BadRequestException;
import dev.chat.api.errors.ConflictException;
import dev.chat.api.errors.ForbiddenException;
import dev.chat.api.errors.NotFoundException;
import dev.chat.api.members.MemberRepository;
import dev.chat.api.members.MemberRepository.Membership;
import dev.chat.model.Channel;
import dev.chat.model.Limits;
import dev.chat.model.Slugs;
import dev.chat.model.protocol.ErrorCode;
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
    static final String CHANNEL_EXISTS = "channel_exists";
    static final String CHANNEL_ARCHIVED = "channel_archived";
    static final String CHANNEL_PROTECTED = "channel_protected";
    static final String MEMBER_NOT_ACTIVE = "member_not_active";
    /** Every workspace's #general: everyone stays in it and it is never archived. */
    static final String GENERAL = "general";

    private final Pool pool;
    private final MemberRepository members;
    private final ChannelRepository channels;

    public ChannelService(Pool pool, MemberRepository members, ChannelRepository channels) {
        this.pool = pool;
        this.members = members;
        this.channels = channels;
    }

    public Uni<List<Channel>> list(String subject, UUID workspaceId) {
        return pool.withConnection(c -> activeMember(c, subject, workspaceId)
                .chain(me -> channels.visibleIn(c, workspaceId, me.userId())));
    }

    public Uni<Channel> create(String subject, UUID workspaceId, ChannelRequests.Create request) {
        String name = required(request == null ? null : request.name(), "name", NAME_MAX_CHARS);
        String topic = optional(request.topic(), "topic", TOPIC_MAX_CHARS);
        Channel.Visibility visibility = request.visibility() == null ? Channel.Visibility.PUBLIC : request.visibility();
        String base = Slugs.from(name, Limits.CHANNEL_SLUG_MAX_CHARS, "channel");
        return pool.withTransaction(tx -> activeMember(tx, subject, workspaceId)
                .chain(me -> createWithFreeSlug(tx, me, workspaceId, name, base, visibility, topic, 1)));
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
                                throw new ConflictException(CHANNEL_EXISTS, "A channel #" + slug + " exists already.",
                                        Map.of("channel_id", same.get().id()));
                            }
                            return createWithFreeSlug(tx, me, workspaceId, name, base, visibility, topic, n + 1);
                        })));
    }

    public Uni<Channel> get(String subject, UUID channelId) {
        return pool.withConnection(c -> readable(c, subject, channelId).map(Access::channel));
    }

    public Uni<Channel> setTopic(String subject, UUID channelId, ChannelRequests.Update request) {
        String topic = optional(request == null ? null : request.topic(), "topic", TOPIC_MAX_CHARS);
        return pool.withTransaction(tx -> readable(tx, subject, channelId).chain(access -> {
            if (!access.channel().member()) {
                throw new ForbiddenException(ErrorCode.FORBIDDEN, "Join the channel to set its topic.");
            }
            return open(access).chain(ok -> channels.setTopic(tx, channelId, topic));
        }).chain(() -> readable(tx, subject, channelId)).map(Access::channel));
    }

    public Uni<Channel> archive(String subject, UUID channelId) {
        return pool.withTransaction(tx -> readable(tx, subject, channelId).chain(access -> {
            if (!access.me().admin() && !access.me().userId().equals(access.createdBy())) {
                throw new ForbiddenException(ErrorCode.FORBIDDEN, "Only workspace admins and the channel's creator "
                        + "may archive it.");
            }
            protectGeneral(access.channel());
            return open(access).chain(ok -> channels.archive(tx, channelId));
        }).chain(() -> readable(tx, subject, channelId)).map(Access::channel));
    }

    public Uni<Channel> join(String subject, UUID channelId) {
        return pool.withTransaction(tx -> readable(tx, subject, channelId)
                .chain(access -> open(access).chain(ok -> channels.addMember(tx, channelId, access.me().userId())))
                .chain(() -> readable(tx, subject, channelId)).map(Access::channel));
    }

    public Uni<Void> leave(String subject, UUID channelId) {
        return pool.withTransaction(tx -> readable(tx, subject, channelId).chain(access -> {
            protectGeneral(access.channel());
            return channels.removeMember(tx, channelId, access.me().userId());
        })).replaceWithVoid();
    }

    /** Adds an active workspace member; to a private channel only its members and admins may add. */
    public Uni<Void> addMember(String subject, UUID channelId, ChannelRequests.AddMember request) {
        if (request == null || request.userId() == null) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED, "Field 'user_id' is required.");
        }
        return pool.withTransaction(tx -> manageable(tx, subject, channelId).chain(access -> open(access)
                .chain(ok -> members.ofUser(tx, request.userId(), access.channel().workspaceId()))
                .chain(target -> {
                    Membership member = target.orElseThrow(() ->
                            new NotFoundException(ErrorCode.NOT_FOUND, "No such member of this workspace."));
                    if (!member.active()) {
                        throw new ConflictException(MEMBER_NOT_ACTIVE, "This member has not accepted the invite yet.");
                    }
                    return channels.addMember(tx, channelId, member.userId());
                }))).replaceWithVoid();
    }

    /** Removes a member: from a private channel its members and admins may; from a public one admins may. */
    public Uni<Void> removeMember(String subject, UUID channelId, UUID userId) {
        return pool.withTransaction(tx -> manageable(tx, subject, channelId).chain(access -> {
            protectGeneral(access.channel());
            if (access.channel().visibility() == Channel.Visibility.PUBLIC && !access.me().admin()
                    && !access.me().userId().equals(userId)) {
                throw new ForbiddenException(ErrorCode.FORBIDDEN, "Only admins remove others from public channels.");
            }
            return channels.removeMember(tx, channelId, userId);
        })).replaceWithVoid();
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
            ChannelRepository.CallerView view = found.orElseThrow(ChannelService::noSuchChannel);
            Membership me = view.membership().orElseThrow(ChannelService::noSuchChannel);
            Channel channel = view.channel();
            boolean visible = channel.visibility() == Channel.Visibility.PUBLIC || channel.member()
                    || (adminsSeePrivate && me.admin());
            if (!visible) {
                throw noSuchChannel();
            }
            if (!me.active()) {
                throw new ForbiddenException(ErrorCode.FORBIDDEN,
                        "Your membership of this workspace is not active yet: accept the invite first.");
            }
            return new Access(me, channel, view.createdBy());
        });
    }

    private Uni<Membership> activeMember(SqlClient client, String subject, UUID workspaceId) {
        return members.ofSubject(client, subject, workspaceId).map(found -> {
            Membership me = found.orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "No such workspace."));
            if (!me.active()) {
                throw new ForbiddenException(ErrorCode.FORBIDDEN,
                        "Your membership of this workspace is not active yet: accept the invite first.");
            }
            return me;
        });
    }

    private static Uni<Boolean> open(Access access) {
        if (access.channel().archivedAt() != null) {
            throw new ConflictException(CHANNEL_ARCHIVED, "This channel is archived.");
        }
        return Uni.createFrom().item(true);
    }

    private static void protectGeneral(Channel channel) {
        if (GENERAL.equals(channel.slug())) {
            throw new ConflictException(CHANNEL_PROTECTED, "#general holds the whole workspace: nobody leaves it and "
                    + "it is never archived.");
        }
    }

    private static NotFoundException noSuchChannel() {
        return new NotFoundException(ErrorCode.NOT_FOUND, "No such channel.");
    }

    private static String required(String value, String field, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.length() > max) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED,
                    "Field '" + field + "' must be 1 to " + max + " characters.");
        }
        return stripped;
    }

    private static String optional(String value, String field, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() > max) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED,
                    "Field '" + field + "' must be at most " + max + " characters.");
        }
        return stripped;
    }

    /** The caller, the channel as they see it, and who created it. */
    private record Access(Membership me, Channel channel, UUID createdBy) {
    }
}
