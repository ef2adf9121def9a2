package dev.chat.api.messages;

import dev.chat.api.threads.ThreadRepository;
import dev.chat.api.threads.ThreadSummaries;
import dev.chat.http.problems.ApiException;
import dev.chat.model.EventType;
import dev.chat.model.Message;
import dev.chat.model.events.MessageDeleted;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
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
 * Deleting a message (decision 0015): its author or a workspace admin; the content and its earlier versions are
 * removed, a thread root stays as a placeholder for its replies, and a deleted reply is no longer counted.
 */
@ApplicationScoped
public class MessageDeletion {

    private final EventTransactions transactions;
    private final MessageRepository messages;
    private final ThreadRepository threads;
    private final ThreadSummaries summaries;
    private final OutboxWriter outbox;

    public MessageDeletion(EventTransactions transactions, MessageRepository messages, ThreadRepository threads,
                           ThreadSummaries summaries, OutboxWriter outbox) {
        this.transactions = transactions;
        this.messages = messages;
        this.threads = threads;
        this.summaries = summaries;
        this.outbox = outbox;
    }

    /** Deleting a message already deleted changes nothing and succeeds, so a retried delete is safe. */
    public Uni<Void> delete(String callerSubject, UUID messageId) {
        return transactions.run(tx -> messages.findForChange(tx, callerSubject, messageId)
                .map(MessageDeletion::authorize)
                .chain(target -> target.message().deleted() ? Uni.createFrom().voidItem() : delete(tx, target)));
    }

    private Uni<Void> delete(SqlClient tx, MessageTarget target) {
        Message message = target.message();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxEvent deleted = outbox.event(EventType.MESSAGE_DELETED, target.workspaceId(), at,
                new MessageDeleted(message.id(), message.channelId(), message.conversationId()), target.rooms());
        Uni<Void> marked = messages.markDeleted(tx, message.id(), at);
        if (message.replyToMessageId() == null) {
            return marked.chain(() -> outbox.append(tx, deleted));
        }
        return marked.chain(() -> threads.recountAfterDeleting(tx, message, target.restricted()))
                .chain(recounted -> {
                    List<OutboxEvent> events = new ArrayList<>();
                    events.add(deleted);
                    events.addAll(summaries.updated(target.workspaceId(), at, message.conversationId(),
                            recounted.rootMessageId(), recounted.views(),
                            target.restricted() ? message.channelId() : null));
                    return outbox.appendAll(tx, events);
                });
    }

    /** Its author or a workspace admin, among those who may read it. */
    private static MessageTarget authorize(Optional<MessageTarget> found) {
        MessageTarget target = MessageTarget.readable(found);
        if (!target.callerIsAuthor() && !target.callerIsAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its author or a workspace admin may delete a message.");
        }
        return target;
    }
}
