package dev.chat.api.messages;

import dev.chat.http.problems.ApiException;
import dev.chat.model.Emoji;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.events.ReactionChanged;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Reacting to a message and taking the reaction back (decision 0016): whoever may read the message, once per emoji,
 * so both calls are idempotent; each change is announced to the rooms that show the message, with the new count.
 */
@ApplicationScoped
public class MessageReactions {

    private final EventTransactions transactions;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final OutboxWriter outbox;

    public MessageReactions(EventTransactions transactions, MessageRepository messages, ReactionRepository reactions,
                            OutboxWriter outbox) {
        this.transactions = transactions;
        this.messages = messages;
        this.reactions = reactions;
        this.outbox = outbox;
    }

    /** The emoji's count on the message afterwards. */
    public record Count(String emoji, int count) {
    }

    public Uni<Count> add(String callerSubject, UUID messageId, String emoji) {
        validate(emoji);
        return transactions.run(tx -> messages.findForChange(tx, callerSubject, messageId)
                .map(MessageReactions::authorize)
                .chain(target -> reactions.standing(tx, messageId, emoji, target.callerId()).chain(standing -> {
                    if (standing.mine()) {
                        return Uni.createFrom().item(new Count(emoji, standing.count()));
                    }
                    if (standing.count() == 0 && standing.otherEmoji() >= Limits.REACTION_EMOJI_PER_MESSAGE) {
                        throw new ApiException(ErrorCode.TOO_MANY_REACTIONS, "A message shows at most "
                                + Limits.REACTION_EMOJI_PER_MESSAGE + " different emoji; react with one it has.");
                    }
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return reactions.add(tx, messageId, emoji, target.callerId(), at)
                            .chain(() -> announce(tx, target, EventType.REACTION_ADDED, emoji, standing.count() + 1, at));
                })));
    }

    public Uni<Count> remove(String callerSubject, UUID messageId, String emoji) {
        validate(emoji);
        return transactions.run(tx -> messages.findForChange(tx, callerSubject, messageId)
                .map(MessageReactions::authorize)
                .chain(target -> reactions.standing(tx, messageId, emoji, target.callerId()).chain(standing -> {
                    if (!standing.mine()) {
                        return Uni.createFrom().item(new Count(emoji, standing.count()));
                    }
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return reactions.remove(tx, messageId, emoji, target.callerId())
                            .chain(() -> announce(tx, target, EventType.REACTION_REMOVED, emoji, standing.count() - 1,
                                    at));
                })));
    }

    private Uni<Count> announce(SqlClient tx, MessageTarget target, EventType type, String emoji, int count,
                                Instant at) {
        ReactionChanged changed = new ReactionChanged(target.message().id(), emoji, target.callerId(), count);
        return outbox.append(tx, outbox.event(type, target.workspaceId(), at, changed, target.rooms()))
                .replaceWith(new Count(emoji, count));
    }

    /** Whoever may read the message, while it is not deleted and its channel not archived. */
    private static MessageTarget authorize(Optional<MessageTarget> found) {
        return MessageTarget.readable(found).notDeleted().notArchived();
    }

    private static void validate(String emoji) {
        if (!Emoji.valid(emoji)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The emoji must be one Unicode emoji or a :short_name: "
                    + "(lower-case letters, digits, _ + -), at most " + Emoji.MAX_CHARS + " characters.");
        }
    }
}
