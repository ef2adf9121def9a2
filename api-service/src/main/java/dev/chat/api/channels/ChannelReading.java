package dev.chat.api.channels;

import dev.chat.api.access.AccessRepository;
import dev.chat.api.access.ChannelAccess;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.EventType;
import dev.chat.model.Room;
import dev.chat.model.events.ChannelRead;
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
 * Marking a channel read (decision 0018): the reader's position moves forward to a message of the channel, never
 * back, and their other devices hear of it in the reader's own room.
 */
@ApplicationScoped
public class ChannelReading {

    private final EventTransactions transactions;
    private final AccessRepository access;
    private final ReadPositions positions;
    private final OutboxWriter outbox;

    public ChannelReading(EventTransactions transactions, AccessRepository access, ReadPositions positions,
                          OutboxWriter outbox) {
        this.transactions = transactions;
        this.access = access;
        this.positions = positions;
        this.outbox = outbox;
    }

    /** Marking a position at or before the one held changes nothing and succeeds. */
    public Uni<Void> markRead(String subject, UUID channelId, ChannelRequests.MarkRead request) {
        UUID messageId = Fields.required(Fields.body(request).messageId(), "message_id");
        return transactions.run(tx -> access.channelAccess(tx, subject, channelId)
                .map(ChannelAccess::activeReader)
                .chain(reader -> positions.inChannel(tx, channelId, messageId).chain(found -> {
                    if (!found) {
                        throw new ApiException(ErrorCode.NOT_FOUND, "No such message in this channel.");
                    }
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return positions.moveForward(tx, reader.userId(), channelId, messageId, at)
                            .chain(left -> left.isEmpty() ? Uni.createFrom().voidItem()
                                    : outbox.append(tx, outbox.event(EventType.CHANNEL_READ, reader.workspaceId(), at,
                                            new ChannelRead(channelId, messageId, left.get().unreadCount(),
                                                    left.get().mentionCount()),
                                            List.of(Room.user(reader.userId())))));
                })));
    }
}
