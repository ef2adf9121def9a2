package dev.chat.api.invites;

import java.time.Instant;

/** An email invite to send: who to, into which workspace, from whom, and the link that accepts it. */
public record InviteMail(String to, String workspaceName, String inviterName, String acceptLink, Instant expiresAt) {

    /** For logs: everything but the link, which carries the token. */
    @Override
    public String toString() {
        return "InviteMail[to=" + to + ", workspace=" + workspaceName + ", expires=" + expiresAt + "]";
    }
}
