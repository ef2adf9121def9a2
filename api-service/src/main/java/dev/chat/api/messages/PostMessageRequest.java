package dev.chat.api.messages;

import java.util.UUID;

/** Body of {@code POST /api/messages}: a flat message, or a reply when {@code replyToMessageId} is set. */
public record PostMessageRequest(UUID channelId, String content, UUID replyToMessageId, String clientMsgId) {
}
