package dev.chat.model.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code conversation.updated}: the thread's summary as the channel it is sent to shows it (restricted
 * replies are counted only in their own channel, docs/architecture.md "Threads and visibility").
 */
public record ConversationUpdated(UUID conversationId, UUID rootMessageId, int replyCount, Instant lastReplyAt,
                                  List<UUID> participantIds) {
}
