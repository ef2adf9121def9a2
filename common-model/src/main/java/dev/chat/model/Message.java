package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A message: flat when {@code conversationId} is null, threaded otherwise.
 * {@code channelId} is always the channel it was posted in.
 */
public record Message(
        UUID id,
        UUID channelId,
        UUID conversationId,
        UUID replyToMessageId,
        String content,
        UUID authorId,
        Instant createdAt) {
}
