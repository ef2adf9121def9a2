package dev.chat.api.messages;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.AccessRepository;
import dev.chat.api.access.ChannelAccess;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.api.outbox.OutboxEvent;
import dev.chat.api.outbox.OutboxWriter;
import dev.chat.api.threads.ReplyService;
import dev.chat.api.threads.TagSharing;
import dev.chat.http.problems.BadRequestException;
import dev.chat.http.problems.ForbiddenException;
import dev.chat.http.problems.NotFoundException;
import dev.chat.http.problems.PayloadTooLargeException;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Posting messages, flat or replies: validation, authorization and the write with its events, in one transaction. */
@ApplicationScoped
public class MessageService {

    private final Pool pool;
    private final AccessRepository access;
    private final MessageRepository messages;
    private final OutboxWriter outbox;
    private final ReplyService replies;
    private final TagSharing tags;

    public MessageService(Pool pool, AccessRepository access, MessageRepository messages, OutboxWriter outbox,
                          ReplyService replies, TagSharing tags) {
        this.pool = pool;
        this.access = access;
        this.messages = messages;
        this.outbox = outbox;
        this.replies = replies;
        this.tags = tags;
    }

    public Uni<PostedMessage> post(String callerSubject, PostMessageRequest request) {
        validate(request);
        Uni<PostedMessage> written = request.replyToMessageId() == null
                ? pool.withTransaction(tx -> access.channelAccess(tx, callerSubject, request.channelId())
                        .chain(channel -> postFlat(tx, authorize(channel), request)))
                : postReply(callerSubject, request);
        return written.invoke(posted -> {
                    if (posted.created()) {
                        outbox.afterCommit();
                    }
                });
    }

    private Uni<PostedMessage> postFlat(SqlClient tx, ChannelAccess channel, PostMessageRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Message message = new Message(UuidCreator.getTimeOrderedEpoch(), channel.channelId(), null, null,
                request.content(), channel.userId(), now);
        OutboxEvent event = outbox.event(EventType.MESSAGE_CREATED, channel.workspaceId(), now, message,
                List.of(Room.channel(channel.channelId())));
        return messages.insertFlat(tx, message, channel.workspaceId(), request.clientMsgId(), event)
                .chain(inserted -> inserted
                        ? tags.shareTagged(tx, channel, message)
                                .call(() -> outbox.beforeCommit(tx))
                                .map(posted -> new PostedMessage(posted, true))
                        : replay(tx, channel.userId(), request.clientMsgId()));
    }

    private Uni<PostedMessage> postReply(String callerSubject, PostMessageRequest request) {
        return pool.withTransaction(tx -> access.channelAccess(tx, callerSubject, request.channelId())
                        .map(MessageService::authorize)
                        .chain(channel -> replies.post(tx, channel, request.replyToMessageId(), request.content(),
                                        request.clientMsgId())
                                .chain(reply -> tags.shareTagged(tx, channel, reply)))
                        .call(() -> outbox.beforeCommit(tx))
                        .map(reply -> new PostedMessage(reply, true)))
                .onFailure(DuplicateClientMsgId.class).recoverWithUni(() -> pool.withConnection(
                        connection -> access.channelAccess(connection, callerSubject, request.channelId())
                                .chain(channel -> replay(connection, channel.userId(), request.clientMsgId()))));
    }

    /** The author already posted with this client_msg_id: answer with that message and write nothing. */
    private Uni<PostedMessage> replay(SqlClient tx, UUID authorId, String clientMsgId) {
        return messages.findByClientMsgId(tx, authorId, clientMsgId)
                .map(found -> new PostedMessage(found.orElseThrow(), false));
    }

    /**
     * Who may post: active members of the channel's workspace, and for a private channel only its members. A channel
     * the caller cannot see answers 404 whether or not it exists, so its existence is not revealed.
     */
    static ChannelAccess authorize(ChannelAccess channel) {
        if (!channel.channelVisible()) {
            throw new NotFoundException(ErrorCode.NOT_FOUND, "No such channel.");
        }
        if (!channel.activeWorkspaceMember()) {
            throw WorkspaceRoles.invitePending();
        }
        if (channel.archived()) {
            throw new ForbiddenException("channel_archived", "This channel is archived; it takes no new messages.");
        }
        return channel;
    }

    static void validate(PostMessageRequest request) {
        if (request == null) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED, "A JSON body is required.");
        }
        if (request.channelId() == null) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED, "Field 'channel_id' is required.");
        }
        if (request.content() == null || request.content().isBlank()) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED, "Field 'content' must not be empty.");
        }
        if (request.content().length() > Limits.MESSAGE_CONTENT_MAX_CHARS) {
            throw new PayloadTooLargeException(ErrorCode.CONTENT_TOO_LARGE,
                    "Field 'content' is longer than " + Limits.MESSAGE_CONTENT_MAX_CHARS + " characters.");
        }
        String clientMsgId = request.clientMsgId();
        if (clientMsgId != null && (clientMsgId.isBlank() || clientMsgId.length() > Limits.CLIENT_MSG_ID_MAX_CHARS)) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED,
                    "Field 'client_msg_id' must be 1 to " + Limits.CLIENT_MSG_ID_MAX_CHARS + " characters.");
        }
    }
}
