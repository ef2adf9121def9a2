package dev.chat.api.messages;

import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.ProblemMappers;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.Mentions;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.events.MentionCreated;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notifies the members a message mentions (decision 0017), inside the transaction that posts or edits it: each one
 * who may read it gets {@code mention.created} in their own room, once per message; naming someone who cannot read
 * it notifies nobody and changes nothing in the answer. {@code <!channel>} reaches every member of a channel of at most
 * {@link Limits#CHANNEL_MENTION_MAX_MEMBERS}, once a minute per author and channel.
 */
@ApplicationScoped
public class MentionNotifier {

    static final Duration CHANNEL_MENTION_INTERVAL = Duration.ofMinutes(1);

    private final MentionRepository mentions;
    private final OutboxWriter outbox;

    public MentionNotifier(MentionRepository mentions, OutboxWriter outbox) {
        this.mentions = mentions;
        this.outbox = outbox;
    }

    /**
     * An edit also forgets the mentions it removes, so that they no longer count as unread mentions; the
     * notification already sent stays sent.
     *
     * @param before the message's content before an edit (its mentions were handled then), or null for a new message
     */
    public Uni<Void> notify(SqlClient tx, UUID workspaceId, Message message, String before, Instant at) {
        List<UUID> named = List.copyOf(Mentions.users(message.content()));
        boolean channelWide = Mentions.channel(message.content());
        boolean wholeChannel = channelWide && (before == null || !Mentions.channel(before));
        Uni<Void> forgotten = before == null ? Uni.createFrom().voidItem()
                : mentions.forgetUnnamed(tx, message.id(), named, channelWide);
        if (named.isEmpty() && !wholeChannel) {
            return forgotten;
        }
        Uni<Void> allowed = wholeChannel ? channelTurn(tx, message, at) : Uni.createFrom().voidItem();
        return forgotten.chain(() -> allowed)
                .chain(() -> mentions.record(tx, message.id(), named, wholeChannel, message.authorId(), at))
                .chain(notified -> notified.isEmpty() ? Uni.createFrom().voidItem()
                        : outbox.append(tx, outbox.event(EventType.MENTION_CREATED, workspaceId, at,
                                new MentionCreated(message, message.channelId(), message.conversationId()),
                                notified.stream().sorted().map(Room::user).toList())));
    }

    /** A whole-channel mention: refused in a channel too large for it, or sooner than a minute after the last. */
    private Uni<Void> channelTurn(SqlClient tx, Message message, Instant at) {
        return mentions.channelMembers(tx, message.channelId()).chain(members -> {
            if (members > Limits.CHANNEL_MENTION_MAX_MEMBERS) {
                throw new ApiException(ErrorCode.CHANNEL_TOO_LARGE, "<!channel> notifies channels of at most "
                        + Limits.CHANNEL_MENTION_MAX_MEMBERS + " members; this one has " + members
                        + ". Mention people by name, or post without <!channel>.");
            }
            return mentions.takeChannelTurn(tx, message.channelId(), message.authorId(), at,
                            CHANNEL_MENTION_INTERVAL.toSeconds())
                    .invoke(last -> last.ifPresent(previous -> {
                        long wait = Math.max(1, CHANNEL_MENTION_INTERVAL.minus(Duration.between(previous, at))
                                .toSeconds());
                        throw new ApiException(ErrorCode.RATE_LIMITED, "You mentioned this whole channel less than "
                                + "a minute ago; post without <!channel>, or again in " + wait + " s.",
                                Map.of(ProblemMappers.RETRY_AFTER, wait));
                    }));
        }).replaceWithVoid();
    }
}
