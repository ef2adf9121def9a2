package dev.chat.gateway.socket;

import dev.chat.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * A gateway told to stop (SIGTERM, as in a rolling deploy) hands its clients over instead of dropping them all at
 * once: it reports not ready at once, so the load balancer stops sending it new upgrades; after
 * {@code chat.gateway.drain-delay} (the time a load balancer needs to notice) it refuses new sockets and closes the
 * open ones with {@link #RESTARTING}, spread evenly over {@code chat.gateway.drain-window} in random order, so the
 * other gateways are not hit by every client in the same second. Clients reconnect and resume with {@code since}
 * (docs/protocol.md, "Closing" and "Resuming").
 */
@Readiness
@ApplicationScoped
public class GatewayDrain implements HealthCheck {

    /** 1012 "Service Restart": reconnect, to another gateway if there is one, and resume. */
    public static final CloseReason RESTARTING = new CloseReason(1012, "Gateway restarting: reconnect and resume.");

    private static final Logger LOG = Logger.getLogger(GatewayDrain.class);
    /** How long the last close frames get to be written before the server stops. */
    private static final Duration FLUSH = Duration.ofSeconds(2);

    private final ProtocolHandler protocol;
    private final SocketMetrics metrics;
    private final Duration delay;
    private final Duration window;
    private volatile boolean draining;

    public GatewayDrain(ProtocolHandler protocol, SocketMetrics metrics, GatewayConfig config) {
        this.protocol = protocol;
        this.metrics = metrics;
        this.delay = config.drainDelay();
        this.window = config.drainWindow();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-sockets").status(!draining).build();
    }

    /**
     * Quarkus's first step of a shutdown ({@code quarkus.shutdown.delay-enabled}), before the HTTP server stops
     * taking requests and closes its connections: sockets are still there to be closed one by one.
     */
    void onShutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void drain() {
        draining = true;
        LOG.infof("Draining: not ready now; closing %d sockets after %d ms, spread over %d ms",
                protocol.sessions().size(), delay.toMillis(), window.toMillis());
        sleep(delay.toMillis());
        protocol.refuseNewSockets(RESTARTING);
        List<ClientSession> open = new ArrayList<>(protocol.sessions());
        Collections.shuffle(open);
        metrics.drainRemaining(open.size());
        long start = System.nanoTime();
        for (int i = 0; i < open.size(); i++) {
            long dueNanos = start + window.toNanos() * i / open.size();
            long waitMillis = (dueNanos - System.nanoTime()) / 1_000_000;
            if (waitMillis > 0) {
                sleep(waitMillis);
            }
            open.get(i).close(RESTARTING);
            metrics.drainRemaining(open.size() - i - 1);
        }
        long flushDeadline = System.nanoTime() + FLUSH.toNanos();
        while (!protocol.sessions().isEmpty() && System.nanoTime() < flushDeadline) {
            sleep(20);
        }
        LOG.infof("Drained: %d sockets closed, %d still open", open.size(), protocol.sessions().size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
