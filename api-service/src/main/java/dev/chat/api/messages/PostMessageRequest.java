package dev.chat.api.messages;

import java.util.UUID;

/** Body of {@code POST /api/messages}. {@code replyToMessageId} is accepted on the wire for threads (next issue). */
public record PostMessageRequest(UUID channelId, String content, UUID replyToMessageId, String clientMsgId) {
}
