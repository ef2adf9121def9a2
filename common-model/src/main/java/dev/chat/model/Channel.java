package dev.chat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * A channel as its reader sees it: {@code member} says whether the reader is in it, {@code archivedAt} when it stopped
 * taking messages (null while open). In the reader's list of channels it also says what they have not read
 * ({@code unread}, its fields written beside the others); elsewhere (other answers, events) that is left out.
 */
public record Channel(UUID id, UUID workspaceId, String name, String slug, Visibility visibility, String topic,
                      Instant createdAt, Instant archivedAt, boolean member,
                      @JsonUnwrapped @JsonInclude(JsonInclude.Include.NON_NULL) ChannelUnread unread) {

    /** The same channel with what the reader has not read of it. */
    public Channel withUnread(ChannelUnread counted) {
        return new Channel(id, workspaceId, name, slug, visibility, topic, createdAt, archivedAt, member, counted);
    }

    public enum Visibility {
        PUBLIC, PRIVATE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
