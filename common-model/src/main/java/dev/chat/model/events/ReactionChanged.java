package dev.chat.model.events;

import java.util.UUID;

/**
 * Payload of {@code reaction.added} and {@code reaction.removed}: {@code userId} reacted (or stopped) with
 * {@code emoji}, which {@code count} people now show on the message.
 */
public record ReactionChanged(UUID messageId, String emoji, UUID userId, int count) {
}
