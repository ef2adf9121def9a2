package dev.chat.api.invites;

import java.time.Instant;
import java.util.UUID;

/** An invite as admins list it: never its token, which only its hash in the database could have told. */
public record Invite(UUID id, UUID workspaceId, Kind kind, String email, Integer maxUses, int useCount,
                     Instant expiresAt, Instant revokedAt, Instant createdAt, UUID createdBy) {

    public enum Kind {
        EMAIL, LINK;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    boolean usedUp() {
        return maxUses != null && useCount >= maxUses;
    }
}
