package dev.chat.model.events;

import dev.chat.model.Message;
import java.util.UUID;

/**
 * Payload of {@code mention.created}, sent to the room of each member a message mentions: the message, and where it
 * is ({@code conversationId} null for a flat message), so a client can notify and link to it without a read.
 */
public record MentionCreated(Message message, UUID channelId, UUID conversationId) {
}
