package dev.chat.gateway.socket;

import io.quarkus.scheduler.Scheduled;
import java.util.Collection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Closes sockets whose token has expired, with 1008: a socket is worth no more than the token it was opened with. The
 * client reconnects with a fresh token (docs/protocol.md, "Closing"). Checked with the silent peers, so a socket
 * outlives its token by at most {@code chat.gateway.peer-check-interval}.
 */
@ApplicationScoped
public class ExpiredTokens {

    static final CloseReason EXPIRED = new CloseReason(1008, "Token expired: reconnect with a fresh one.");
    private static final Logger LOG = Logger.getLogger(ExpiredTokens.class);

    private final ProtocolHandler protocol;

    public ExpiredTokens(ProtocolHandler protocol) {
        this.protocol = protocol;
    }

    @Scheduled(every = "${chat.gateway.peer-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeExpired() {
        closeExpired(protocol.sessions(), System.currentTimeMillis());
    }

    static void closeExpired(Collection<ClientSession> sessions, long now) {
        for (ClientSession session : sessions) {
            if (session.tokenExpiresAtMillis() <= now && !session.isClosing()) {
                LOG.infof("Closing socket %s of user %s: its token expired", session.id(), session.userId());
                session.close(EXPIRED);
            }
        }
    }
}
