package dev.chat.model.events;

import dev.chat.model.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code conversation.shared}: a #tag shared the conversation into {@code channelId}. It carries what a
 * channel that has just received the thread needs to show it without a refetch: the root message and the thread's
 * summary as the channel the event is sent to shows it (as in {@link ConversationUpdated}).
 */
public record ConversationShared(UUID conversationId, UUID channelId, List<UUID> channelIds, Message rootMessage,
                                 int replyCount, Instant lastReplyAt, List<UUID> participantIds) {
}
