package dev.chat.api.invites;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The mail sender until a provider is configured: it logs that an invite went out. The link (a credential) is logged
 * only when {@code chat.invites.log-links} is on, as `./run` does so invites can be tried by hand.
 */
@DefaultBean
@ApplicationScoped
public class LoggingInviteMailer implements InviteMailer {

    private static final Logger LOG = Logger.getLogger(LoggingInviteMailer.class);

    private final boolean logLinks;

    public LoggingInviteMailer(InviteConfig config) {
        this.logLinks = config.logLinks();
    }

    @Override
    public Uni<Void> send(InviteMail mail) {
        if (logLinks) {
            LOG.infof("Invite email to %s for workspace %s, valid until %s: %s", mail.to(), mail.workspaceName(),
                    mail.expiresAt(), mail.acceptLink());
        } else {
            LOG.infof("Invite email to %s for workspace %s, valid until %s (no mail provider configured: link not "
                    + "sent)", mail.to(), mail.workspaceName(), mail.expiresAt());
        }
        return Uni.createFrom().voidItem();
    }
}
