package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One person's place in a workspace. {@code email} and {@code name} are null until the person has signed in and the
 * directory knew them (an email invite knows the address from the start); {@code joinedAt} is null while invited.
 */
public record Member(UUID workspaceId, UUID userId, String email, String name, Role role, Status status,
                     Instant joinedAt) {

    public enum Role {
        ADMIN, MEMBER;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Both statuses hold a seat. */
    public enum Status {
        ACTIVE, INVITED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
