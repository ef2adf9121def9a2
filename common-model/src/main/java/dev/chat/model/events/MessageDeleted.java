package dev.chat.model.events;

import java.util.UUID;

/**
 * Payload of {@code message.deleted}. A client removes the message, or shows a thread root as deleted (its thread
 * stays); {@code conversationId} is null for a flat message.
 */
public record MessageDeleted(UUID id, UUID channelId, UUID conversationId) {
}
