package dev.chat.api.messages;

import dev.chat.model.Message;

/** The outcome of a post: the message, and whether this call created it or replayed an earlier one. */
public record PostedMessage(Message message, boolean created) {
}
