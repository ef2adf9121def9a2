package dev.chat.api.messages;

/** Body of {@code PATCH /api/messages/{id}}: the message's new content. */
public record EditMessageRequest(String content) {
}
