package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A message: flat when {@code conversationId} is null, threaded otherwise.
 * {@code channelId} is always the channel it was posted in. {@code editedAt} is when its content last changed (null
 * if never); a deleted message keeps its place with empty content (a thread root's replies hang off it).
 */
public record Message(
        UUID id,
        UUID channelId,
        UUID conversationId,
        UUID replyToMessageId,
        String content,
        UUID authorId,
        Instant createdAt,
        Instant editedAt,
        boolean deleted) {

    /** A message just posted: never edited, not deleted. */
    public static Message posted(UUID id, UUID channelId, UUID conversationId, UUID replyToMessageId, String content,
                                 UUID authorId, Instant createdAt) {
        return new Message(id, channelId, conversationId, replyToMessageId, content, authorId, createdAt, null, false);
    }

    /** This message as a thread root of {@code conversation}. */
    public Message inConversation(UUID conversation) {
        return new Message(id, channelId, conversation, replyToMessageId, content, authorId, createdAt, editedAt,
                deleted);
    }

    /** This message with its content replaced at {@code at}. */
    public Message edited(String newContent, Instant at) {
        return new Message(id, channelId, conversationId, replyToMessageId, newContent, authorId, createdAt, at,
                deleted);
    }
}
