package dev.chat.api.threads;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.ChannelAccess;
import dev.chat.http.problems.ApiException;
import dev.chat.model.EventType;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.events.ConversationCreated;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Posting a reply: the first reply to a flat message turns it into a thread root; every reply is
 * counted on its conversation, announced in the thread and summarized in each channel showing the root. Runs inside
 * the caller's transaction, after the posting channel has been authorized.
 */
@ApplicationScoped
public class ReplyService {

    private final ThreadRepository threads;
    private final OutboxWriter outbox;
    private final ThreadSummaries summaries;

    public ReplyService(ThreadRepository threads, OutboxWriter outbox, ThreadSummaries summaries) {
        this.threads = threads;
        this.outbox = outbox;
        this.summaries = summaries;
    }

    /**
     * Writes the reply and its events.
     *
     * @return the reply, or empty when the author already used {@code clientMsgId}: nothing of the reply was written,
     *         but a conversation may have been, so the caller must roll its transaction back
     */
    public Uni<Optional<Message>> post(SqlClient tx, ChannelAccess channel, UUID parentId, String content,
                                       String clientMsgId) {
        return threads.findParent(tx, parentId, channel.userId(), channel.channelId())
                .map(found -> checkedParent(found, channel))
                .chain(parent -> conversationFor(tx, parent, channel))
                .chain(thread -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Message reply = Message.posted(UuidCreator.getTimeOrderedEpoch(), channel.channelId(),
                            thread.conversationId(), parentId, content, channel.userId(), now);
                    return threads.insertReply(tx, reply, channel.workspaceId(), clientMsgId)
                            .chain(inserted -> inserted
                                    ? threads.recordReply(tx, reply, thread.restricted())
                                            .chain(recorded -> outbox.appendAll(tx,
                                                    events(channel, thread, reply, recorded)))
                                            .replaceWith(Optional.of(reply))
                                    : Uni.createFrom().item(Optional.<Message>empty()));
                });
    }

    private record Thread(UUID conversationId, UUID rootMessageId, UUID rootChannelId, boolean created,
                          boolean restricted) {
    }

    private static ParentMessage checkedParent(Optional<ParentMessage> found, ChannelAccess channel) {
        ParentMessage parent = found.filter(p -> p.workspaceId().equals(channel.workspaceId()))
                .filter(ParentMessage::readableByCaller)
                .filter(p -> !p.deletedLeaf())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such message to reply to."));
        if (parent.flat() && !parent.channelId().equals(channel.channelId())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "A first reply is posted in the channel of the message it answers: 'channel_id' must be "
                            + parent.channelId() + ".");
        }
        if (!parent.flat() && !parent.postingChannelInConversation()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "Field 'channel_id' must be one of the channels the conversation is shared into.");
        }
        return parent;
    }

    private Uni<Thread> conversationFor(SqlClient tx, ParentMessage parent, ChannelAccess channel) {
        if (!parent.flat()) {
            return Uni.createFrom().item(new Thread(parent.conversationId(), null, null, false,
                    parent.postingChannelRestricted()));
        }
        UUID candidate = UuidCreator.getTimeOrderedEpoch();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return threads.createConversation(tx, candidate, channel.workspaceId(), parent.id(), parent.channelId(),
                        channel.userId(), now)
                .chain(created -> created.isPresent()
                        ? Uni.createFrom().item(new Thread(candidate, parent.id(), parent.channelId(), true, false))
                        : threads.conversationOfRoot(tx, parent.id())
                                .map(existing -> new Thread(existing, parent.id(), parent.channelId(), false, false)));
    }

    /**
     * In order: {@code conversation.created} (first reply only), the reply's {@code message.created} (to the thread,
     * or only to its private channel when restricted), then {@code conversation.updated} to every channel showing
     * the root, one event per distinct summary.
     */
    private List<OutboxEvent> events(ChannelAccess channel, Thread thread, Message reply,
                                     ThreadRepository.RecordedReply recorded) {
        UUID workspaceId = channel.workspaceId();
        Instant at = reply.createdAt();
        List<OutboxEvent> events = new ArrayList<>();
        if (thread.created()) {
            events.add(outbox.event(EventType.CONVERSATION_CREATED, workspaceId, at,
                    new ConversationCreated(thread.conversationId(), thread.rootMessageId(),
                            List.of(thread.rootChannelId())),
                    List.of(Room.channel(thread.rootChannelId()))));
        }
        events.add(outbox.event(EventType.MESSAGE_CREATED, workspaceId, at, reply,
                MessageRooms.of(reply, thread.restricted(), List.of())));
        events.addAll(summaries.updated(workspaceId, at, thread.conversationId(), recorded.rootMessageId(),
                recorded.views(), thread.restricted() ? reply.channelId() : null));
        return events;
    }
}
