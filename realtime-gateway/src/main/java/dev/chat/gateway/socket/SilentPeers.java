package dev.chat.gateway.socket;

import dev.chat.gateway.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Pings every socket ({@code chat.gateway.ping-interval}), which also keeps idle sockets open through proxies, and
 * closes those whose peer has gone silent: every client answers pings with pongs, so a socket
 * that has sent nothing, not even a pong, for {@code chat.gateway.peer-timeout} belongs to a peer that vanished
 * without closing (a phone that lost its network, a NAT that dropped the mapping). Its rooms are released at once
 * rather than when TCP gives up, many minutes later.
 */
@ApplicationScoped
public class SilentPeers {

    static final CloseReason SILENT = new CloseReason(1001, "No answer to pings: reconnect.");
    private static final Logger LOG = Logger.getLogger(SilentPeers.class);

    private final ProtocolHandler protocol;
    private final long timeoutNanos;

    public SilentPeers(ProtocolHandler protocol, GatewayConfig config) {
        this.protocol = protocol;
        this.timeoutNanos = config.peerTimeout().toNanos();
    }

    @Scheduled(every = "${chat.gateway.ping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        for (ClientSession session : protocol.sessions()) {
            session.ping();
        }
    }

    @Scheduled(every = "${chat.gateway.peer-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeSilent() {
        long now = System.nanoTime();
        for (ClientSession session : protocol.sessions()) {
            if (now - session.lastHeardNanos() > timeoutNanos) {
                LOG.infof("Closing socket %s of user %s: silent for over %d s", session.id(), session.userId(),
                        timeoutNanos / 1_000_000_000);
                session.close(SILENT);
            }
        }
    }
}
