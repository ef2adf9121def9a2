package dev.chat.api.threads;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.ChannelAccess;
import dev.chat.model.ChannelTags;
import dev.chat.model.EventType;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.events.ConversationCreated;
import dev.chat.model.events.ConversationShared;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Shares a message's conversation into the channels its #tags name, inside the posting transaction.
 * The rules (docs/architecture.md, "Threads and visibility"): only conversations whose primary channel is public are
 * shared, so sharing never widens who can read a private channel's messages; a private channel is shared into only
 * by its members; unknown, archived or unshareable tags stay plain text; tagging a channel twice changes nothing.
 * A flat message whose tags share it first becomes a thread root.
 */
@ApplicationScoped
public class TagSharing {

    private final ThreadRepository threads;
    private final OutboxWriter outbox;

    public TagSharing(ThreadRepository threads, OutboxWriter outbox) {
        this.threads = threads;
        this.outbox = outbox;
    }

    /**
     * @param at when the tags were written: the post's time, or the edit's
     * @return the message as it stands afterwards (a flat one gains its conversation id when shared)
     */
    public Uni<Message> shareTagged(SqlClient tx, ChannelAccess channel, Message message, Instant at) {
        List<String> slugs = List.copyOf(ChannelTags.slugs(message.content()));
        if (slugs.isEmpty()) {
            return Uni.createFrom().item(message);
        }
        return threads.taggedChannels(tx, channel.workspaceId(), slugs, message.authorId())
                .chain(tagged -> {
                    List<UUID> targets = tagged.stream().filter(TaggedChannel::readableByAuthor).map(TaggedChannel::id)
                            .filter(id -> !id.equals(message.channelId())).toList();
                    if (targets.isEmpty()) {
                        return Uni.createFrom().item(message);
                    }
                    return message.conversationId() == null
                            ? shareFlat(tx, channel, message, targets, at)
                            : threads.primaryChannelIsPrivate(tx, message.conversationId())
                                    .chain(primaryPrivate -> primaryPrivate
                                            ? Uni.createFrom().item(message)
                                            : share(tx, channel, message, message.conversationId(), targets,
                                                    at));
                });
    }

    private Uni<Message> shareFlat(SqlClient tx, ChannelAccess channel, Message message, List<UUID> targets,
                                   Instant at) {
        if (channel.privateChannel()) {
            return Uni.createFrom().item(message);
        }
        UUID conversationId = UuidCreator.getTimeOrderedEpoch();
        Message root = message.inConversation(conversationId);
        OutboxEvent created = outbox.event(EventType.CONVERSATION_CREATED, channel.workspaceId(), at,
                new ConversationCreated(conversationId, message.id(), List.of(message.channelId())),
                List.of(Room.channel(message.channelId())));
        return threads.createConversation(tx, conversationId, channel.workspaceId(), message.id(),
                        message.channelId(), message.authorId(), at)
                .chain(() -> outbox.append(tx, created))
                .chain(() -> share(tx, channel, root, conversationId, targets, at));
    }

    /**
     * Shares under the conversation's lock, which changes to its root take too: the root the events carry is the one
     * a concurrent edit or deletion left, and that change sees the channels added here.
     */
    private Uni<Message> share(SqlClient tx, ChannelAccess channel, Message message, UUID conversationId,
                               List<UUID> targets, Instant at) {
        return threads.lockConversation(tx, conversationId)
                .chain(() -> threads.share(tx, conversationId, targets, message.authorId(), at))
                .chain(channels -> channels.stream().noneMatch(ThreadRepository.SharedChannel::added)
                        ? Uni.createFrom().voidItem()
                        : threads.threadState(tx, conversationId).chain(thread -> {
                            List<OutboxEvent> events = new ArrayList<>();
                            for (ThreadRepository.SharedChannel added : channels) {
                                if (added.added()) {
                                    events.addAll(sharedEvents(channel.workspaceId(), at,
                                            conversationId, thread, added, channels));
                                }
                            }
                            return outbox.appendAll(tx, events);
                        }))
                .replaceWith(message);
    }

    /**
     * {@code conversation.shared} as each room may see it. A private channel's id is shown only to that channel's
     * own room: public rooms get one event listing the public channels, each private room one that adds itself.
     * Sharing into a private channel is therefore announced only there. Each event carries the root and the summary
     * as its rooms show the thread: public channels all show the open replies (restricted replies exist only in
     * private channels), a private channel adds its own restricted ones.
     */
    private List<OutboxEvent> sharedEvents(UUID workspaceId, Instant at, UUID conversationId,
                                           ThreadRepository.ThreadState thread, ThreadRepository.SharedChannel added,
                                           List<ThreadRepository.SharedChannel> channels) {
        List<UUID> publicIds = channels.stream().filter(c -> !c.privateChannel())
                .map(ThreadRepository.SharedChannel::id).toList();
        List<OutboxEvent> events = new ArrayList<>();
        if (!added.privateChannel()) {
            events.add(outbox.event(EventType.CONVERSATION_SHARED, workspaceId, at,
                    payload(conversationId, added, publicIds, thread, thread.viewOf(added.id())),
                    publicIds.stream().map(Room::channel).toList()));
        }
        for (ThreadRepository.SharedChannel room : channels) {
            if (room.privateChannel() && (!added.privateChannel() || room.id().equals(added.id()))) {
                List<UUID> visible = channels.stream().filter(c -> !c.privateChannel() || c.id().equals(room.id()))
                        .map(ThreadRepository.SharedChannel::id).toList();
                events.add(outbox.event(EventType.CONVERSATION_SHARED, workspaceId, at,
                        payload(conversationId, added, visible, thread, thread.viewOf(room.id())),
                        List.of(Room.channel(room.id()))));
            }
        }
        return events;
    }

    private static ConversationShared payload(UUID conversationId, ThreadRepository.SharedChannel added,
                                              List<UUID> visible, ThreadRepository.ThreadState thread,
                                              ThreadView view) {
        return new ConversationShared(conversationId, added.id(), visible, thread.root(), view.replyCount(),
                view.lastReplyAt(), view.participantIds());
    }
}
