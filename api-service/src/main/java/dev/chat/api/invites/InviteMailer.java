package dev.chat.api.invites;

import io.smallrye.mutiny.Uni;

/**
 * Sends invite emails (seed §5: "Future: Resend/SendGrid"). Called after the invite has committed: a failed send
 * leaves a valid invite the admin can revoke and create again.
 */
public interface InviteMailer {

    Uni<Void> send(InviteMail mail);
}
