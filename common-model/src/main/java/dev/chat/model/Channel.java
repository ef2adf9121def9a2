package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

public record Channel(UUID id, UUID workspaceId, String name, String slug, Visibility visibility, String topic,
                      Instant createdAt) {

    public enum Visibility {
        PUBLIC, PRIVATE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
