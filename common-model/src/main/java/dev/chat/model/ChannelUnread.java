package dev.chat.model;

import java.util.UUID;

/**
 * What the reader has not read of a channel they are in: messages after {@code lastReadMessageId} (null until they
 * first mark it read: then, since they joined) not their own, and how many of those mention them. Both counts stop at
 * {@link Limits#UNREAD_COUNTED} ("99+"), so that counting stays cheap however long the channel.
 */
public record ChannelUnread(int unreadCount, int mentionCount, UUID lastReadMessageId) {
}
