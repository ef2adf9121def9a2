package dev.chat.model.events;

import java.util.List;
import java.util.UUID;

/** Payload of {@code conversation.shared}: a #tag shared the conversation into one more channel. */
public record ConversationShared(UUID conversationId, UUID channelId, List<UUID> channelIds) {
}
