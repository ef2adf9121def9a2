package dev.chat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message: flat when {@code conversationId} is null, threaded otherwise.
 * {@code channelId} is always the channel it was posted in. {@code editedAt} is when its content last changed (null
 * if never); a deleted message keeps its place with empty content (a thread root's replies hang off it).
 * {@code reactions} are those a reader sees, in reads; null (and left out of the JSON) in events, whose readers differ.
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
        boolean deleted,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Reaction> reactions) {

    /** A message just posted: never edited, not deleted, no reactions to show. */
    public static Message posted(UUID id, UUID channelId, UUID conversationId, UUID replyToMessageId, String content,
                                 UUID authorId, Instant createdAt) {
        return new Message(id, channelId, conversationId, replyToMessageId, content, authorId, createdAt, null, false,
                null);
    }

    /** This message as a thread root of {@code conversation}. */
    public Message inConversation(UUID conversation) {
        return new Message(id, channelId, conversation, replyToMessageId, content, authorId, createdAt, editedAt,
                deleted, reactions);
    }

    /** This message with its content replaced at {@code at}. */
    public Message edited(String newContent, Instant at) {
        return new Message(id, channelId, conversationId, replyToMessageId, newContent, authorId, createdAt, at,
                deleted, reactions);
    }

    /** This message as a reader sees it, with its reactions. */
    public Message withReactions(List<Reaction> shown) {
        return new Message(id, channelId, conversationId, replyToMessageId, content, authorId, createdAt, editedAt,
                deleted, shown);
    }
}
