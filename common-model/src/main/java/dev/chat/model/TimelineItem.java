package dev.chat.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a channel timeline: a flat message or a thread root, the latter with its summary as this channel shows
 * it. {@code sharedIntoChannel} is true for a conversation whose root lives in another channel and was shared here.
 * A deleted thread root stays, with empty content, for its thread; a deleted flat message is not listed.
 */
public record TimelineItem(UUID id, UUID channelId, UUID conversationId, UUID replyToMessageId, String content,
                           UUID authorId, Instant createdAt, Instant editedAt, boolean deleted,
                           List<Reaction> reactions, int replyCount, Instant lastReplyAt, List<UUID> participantIds,
                           boolean sharedIntoChannel) {
}
