package dev.chat.model.events;

import java.util.UUID;

/**
 * Payload of {@code channel.read}, in the reader's own room: they read the channel up to {@code lastReadMessageId},
 * so their other devices clear what they have read; the counts are what is left unread.
 */
public record ChannelRead(UUID channelId, UUID lastReadMessageId, int unreadCount, int mentionCount) {
}
