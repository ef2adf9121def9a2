package dev.chat.api.reads;

import dev.chat.api.channels.ChannelRequests;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.EventType;
import dev.chat.model.Room;
import dev.chat.model.events.ConversationRead;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Marking a thread read (decision 0018): the reader's position moves forward to a message of the thread they may
 * read, never back, and their other devices hear of it in the reader's own room.
 */
@ApplicationScoped
public class ThreadReading {

    private final EventTransactions transactions;
    private final ThreadPositions positions;
    private final OutboxWriter outbox;

    public ThreadReading(EventTransactions transactions, ThreadPositions positions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.positions = positions;
        this.outbox = outbox;
    }

    /** A request for a message the caller may not read in it is refused as if the message did not exist. */
    public Uni<Void> markRead(String subject, UUID conversationId, ChannelRequests.MarkRead request) {
        UUID messageId = Fields.required(Fields.body(request).messageId(), "message_id");
        return transactions.run(tx -> positions.target(tx, subject, conversationId, messageId).chain(found -> {
            ThreadPositions.Target target = found.filter(ThreadPositions.Target::readable)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such conversation."));
            if (!target.messageFound()) {
                throw new ApiException(ErrorCode.NOT_FOUND, "No such message in this conversation.");
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return positions.moveForward(tx, subject, target.readerId(), conversationId, messageId, at)
                    .chain(left -> left.isEmpty() ? Uni.createFrom().voidItem()
                            : outbox.append(tx, outbox.event(EventType.CONVERSATION_READ, target.workspaceId(), at,
                                    new ConversationRead(conversationId, messageId, left.get()),
                                    List.of(Room.user(target.readerId())))));
        }));
    }
}
