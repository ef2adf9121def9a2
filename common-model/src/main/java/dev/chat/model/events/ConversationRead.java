package dev.chat.model.events;

import java.util.UUID;

/**
 * Payload of {@code conversation.read}, in the reader's own room: they read the thread up to
 * {@code lastReadMessageId}, so their other devices clear it; the count is what is left unread.
 */
public record ConversationRead(UUID conversationId, UUID lastReadMessageId, int unreadCount) {
}
