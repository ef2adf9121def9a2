package dev.chat.api.messages;

import dev.chat.api.threads.TagSharing;
import dev.chat.http.problems.ApiException;
import dev.chat.model.EventType;
import dev.chat.model.Message;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Editing a message and reading what it said before (decision 0015): only its author edits it, the text it replaces
 * is kept as a version only the author can read, and #tags and mentions the edit adds act as in a new message.
 */
@ApplicationScoped
public class MessageEditing {

    private final EventTransactions transactions;
    private final Pool pool;
    private final MessageRepository messages;
    private final OutboxWriter outbox;
    private final TagSharing tags;
    private final MentionNotifier mentions;

    public MessageEditing(EventTransactions transactions, Pool pool, MessageRepository messages, OutboxWriter outbox,
                          TagSharing tags, MentionNotifier mentions) {
        this.transactions = transactions;
        this.pool = pool;
        this.messages = messages;
        this.outbox = outbox;
        this.tags = tags;
        this.mentions = mentions;
    }

    /** @return the message as it stands after the edit (unchanged, and nothing written, when the text is the same) */
    public Uni<Message> edit(String callerSubject, UUID messageId, EditMessageRequest request) {
        MessageContent.validate(request == null ? null : request.content());
        return transactions.run(tx -> messages.findForChange(tx, callerSubject, messageId)
                .map(MessageEditing::authorOf)
                .map(MessageTarget::notArchived)
                .chain(target -> {
                    Message before = target.message();
                    if (before.content().equals(request.content())) {
                        return Uni.createFrom().item(before);
                    }
                    Message after = before.edited(request.content(), Instant.now().truncatedTo(ChronoUnit.MICROS));
                    return messages.replaceContent(tx, before, after)
                            .chain(() -> tags.shareTagged(tx, target.authorChannel(), after, after.editedAt()))
                            .call(shown -> mentions.notify(tx, target.workspaceId(), shown, before.content(),
                                    after.editedAt()))
                            .call(shown -> outbox.append(tx, outbox.event(EventType.MESSAGE_UPDATED,
                                    target.workspaceId(), after.editedAt(), shown, target.rooms())));
                }));
    }

    /** The earlier versions of the caller's own message, oldest first. */
    public Uni<List<MessageVersion>> versions(String callerSubject, UUID messageId) {
        return pool.withConnection(connection -> messages.findAsCaller(connection, callerSubject, messageId)
                .map(MessageEditing::authorOf)
                .chain(target -> messages.versions(connection, messageId)));
    }

    /** Only the author edits a message, or reads its versions, and only while it is not deleted. */
    private static MessageTarget authorOf(Optional<MessageTarget> found) {
        MessageTarget target = MessageTarget.readable(found).notDeleted();
        if (!target.callerIsAuthor()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its author may edit a message.");
        }
        return target;
    }
}
