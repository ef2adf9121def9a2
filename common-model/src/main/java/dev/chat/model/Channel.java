package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A channel as its reader sees it: {@code member} says whether the reader is in it, {@code archivedAt} when it stopped
 * taking messages (null while open).
 */
public record Channel(UUID id, UUID workspaceId, String name, String slug, Visibility visibility, String topic,
                      Instant createdAt, Instant archivedAt, boolean member) {

    public enum Visibility {
        PUBLIC, PRIVATE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
