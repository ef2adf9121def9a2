package dev.chat.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A thread: the graph node that a root message and its replies hang off, shared into one or more channels, with its
 * summary as the reader sees it: {@code channelIds} lists the public channels and the private ones the reader
 * belongs to; counts include restricted replies only of channels the reader belongs to. {@code rootMessage} is the
 * message the thread started from, which its readers see whichever of its channels they read it in.
 * {@code unreadCount} is how many replies the reader has not read after their position in it (at most
 * {@link Limits#UNREAD_COUNTED}); {@code lastReadMessageId} the reply they last marked read, null until they do.
 */
public record Conversation(UUID id, UUID rootMessageId, Message rootMessage, List<UUID> channelIds, Instant createdAt,
                           int replyCount, Instant lastReplyAt, List<UUID> participantIds, int unreadCount,
                           UUID lastReadMessageId) {
}
