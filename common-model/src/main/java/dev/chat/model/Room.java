package dev.chat.model;

import java.util.Optional;
import java.util.UUID;

/**
 * A real-time room: {@code workspace:{id}} (what every member sees: channels created, members joining),
 * {@code channel:{id}}, {@code thread:{conversation id}} or {@code user:{id}}.
 * The text form is what clients send and what the relay and gateways use as the Redis key suffix.
 */
public record Room(Kind kind, UUID id) {

    public enum Kind {
        WORKSPACE("workspace"), CHANNEL("channel"), THREAD("thread"), USER("user");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public static Room workspace(UUID workspaceId) {
        return new Room(Kind.WORKSPACE, workspaceId);
    }

    public static Room channel(UUID channelId) {
        return new Room(Kind.CHANNEL, channelId);
    }

    public static Room thread(UUID conversationId) {
        return new Room(Kind.THREAD, conversationId);
    }

    public static Room user(UUID userId) {
        return new Room(Kind.USER, userId);
    }

    /** Parses {@code kind:uuid}; anything else (unknown kind, malformed id, extra text) is empty. */
    public static Optional<Room> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.length() - colon - 1 != 36) {
            return Optional.empty();
        }
        String prefix = text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                try {
                    UUID id = UUID.fromString(text.substring(colon + 1));
                    return Optional.of(new Room(kind, id));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + id;
    }
}
