package dev.chat.api.messages;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.AccessRepository;
import dev.chat.api.access.ChannelAccess;
import dev.chat.api.threads.ReplyService;
import dev.chat.api.threads.TagSharing;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Posting messages, flat or replies: validation, authorization and the write with its events (the message, the
 * threads its #tags share it into, the members it mentions), in one transaction.
 */
@ApplicationScoped
public class MessageService {

    private final EventTransactions transactions;
    private final Pool pool;
    private final AccessRepository access;
    private final MessageRepository messages;
    private final OutboxWriter outbox;
    private final ReplyService replies;
    private final TagSharing tags;
    private final MentionNotifier mentions;

    public MessageService(EventTransactions transactions, Pool pool, AccessRepository access,
                          MessageRepository messages, OutboxWriter outbox, ReplyService replies, TagSharing tags,
                          MentionNotifier mentions) {
        this.transactions = transactions;
        this.pool = pool;
        this.access = access;
        this.messages = messages;
        this.outbox = outbox;
        this.replies = replies;
        this.tags = tags;
        this.mentions = mentions;
    }

    /**
     * Writes the message and its events in one transaction. A client_msg_id the author already used rolls that
     * transaction back (whatever it wrote) and answers with the first message instead.
     */
    public Uni<PostedMessage> post(String callerSubject, PostMessageRequest request) {
        validate(request);
        return transactions.run(tx -> access.channelAccess(tx, callerSubject, request.channelId())
                        .map(MessageService::authorize)
                        .chain(channel -> write(tx, channel, request)
                                .map(first -> first.orElseThrow(() -> new DuplicateClientMsgId(channel.userId())))
                                .chain(message -> tags.shareTagged(tx, channel, message, message.createdAt()))
                                .call(message -> mentions.notify(tx, channel.workspaceId(), message, null,
                                        message.createdAt()))))
                .map(message -> new PostedMessage(message, true))
                .onFailure(DuplicateClientMsgId.class).recoverWithUni(duplicate -> replay(
                        ((DuplicateClientMsgId) duplicate).authorId(), request.clientMsgId()));
    }

    /** @return the message, or empty when the author already used the request's client_msg_id */
    private Uni<Optional<Message>> write(SqlClient tx, ChannelAccess channel, PostMessageRequest request) {
        if (request.replyToMessageId() != null) {
            return replies.post(tx, channel, request.replyToMessageId(), request.content(), request.clientMsgId());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Message message = Message.posted(UuidCreator.getTimeOrderedEpoch(), channel.channelId(), null, null,
                request.content(), channel.userId(), now);
        OutboxEvent event = outbox.event(EventType.MESSAGE_CREATED, channel.workspaceId(), now, message,
                List.of(Room.channel(channel.channelId())));
        return messages.insertFlat(tx, message, channel.workspaceId(), request.clientMsgId(), event)
                .map(inserted -> inserted ? Optional.of(message) : Optional.empty());
    }

    /** The first message the author posted with this client_msg_id, read after the repeat was rolled back. */
    private Uni<PostedMessage> replay(UUID authorId, String clientMsgId) {
        return pool.withConnection(connection -> messages.findByClientMsgId(connection, authorId, clientMsgId))
                .map(found -> new PostedMessage(found.orElseThrow(), false));
    }

    /** Who may post: those who may read the channel (decision 0007), once active; an archived channel takes nothing. */
    static ChannelAccess authorize(Optional<ChannelAccess> readable) {
        ChannelAccess channel = ChannelAccess.activeReader(readable);
        if (channel.archived()) {
            throw new ApiException(ErrorCode.CHANNEL_ARCHIVED, "This channel is archived; it takes no new messages.");
        }
        return channel;
    }

    static void validate(PostMessageRequest request) {
        Fields.required(Fields.body(request).channelId(), "channel_id");
        MessageContent.validate(request.content());
        String clientMsgId = request.clientMsgId();
        if (clientMsgId != null && (clientMsgId.isBlank() || clientMsgId.length() > Limits.CLIENT_MSG_ID_MAX_CHARS)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "Field 'client_msg_id' must be 1 to " + Limits.CLIENT_MSG_ID_MAX_CHARS + " characters.");
        }
    }
}
