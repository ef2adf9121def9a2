package dev.chat.model.events;

import java.util.List;
import java.util.UUID;

/** Payload of {@code conversation.created}: a flat message became a thread root. */
public record ConversationCreated(UUID conversationId, UUID rootMessageId, List<UUID> channelIds) {
}
