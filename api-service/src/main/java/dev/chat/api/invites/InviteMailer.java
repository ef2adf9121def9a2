package dev.chat.api.invites;

import io.smallrye.mutiny.Uni;

/**
 * Sends invite emails (a provider such as Resend or SendGrid is another implementation; the default logs them).
 * Called after the invite has committed: a failed send leaves a valid invite the admin can revoke and create again.
 */
public interface InviteMailer {

    Uni<Void> send(InviteMail mail);
}
