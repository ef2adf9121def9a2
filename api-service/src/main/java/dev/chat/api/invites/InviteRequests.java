package dev.chat.api.invites;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.model.Member;
import java.time.Instant;
import java.util.UUID;

/** What the invite endpoints take and give (docs/protocol.md, "Invites"). */
public final class InviteRequests {

    private InviteRequests() {
    }

    /** An email invite when {@code email} is set, else a link; {@code maxUses} only for links (null: unlimited). */
    public record Create(String email, Integer maxUses, Integer expiresInDays) {
    }

    /** A new invite. A link's token and url appear here once; an email invite's token only in the email. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(UUID id, Invite.Kind kind, String email, String url, String token, Integer maxUses,
                          Instant expiresAt) {
    }

    /** The token in the body, where no access log records it. */
    public record Accept(String token) {
    }

    public record Accepted(UUID workspaceId, Member member) {
    }
}
