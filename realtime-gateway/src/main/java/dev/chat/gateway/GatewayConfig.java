package dev.chat.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "chat.gateway")
public interface GatewayConfig {

    /**
     * Origins browsers may open sockets from. An upgrade without an Origin header (a native client) is allowed; one
     * with an Origin not listed is refused with 403.
     */
    @WithDefault("http://localhost:3000,http://127.0.0.1:3000")
    List<String> allowedOrigins();

    /**
     * Frames queued for one socket but not yet written. A client that falls this far behind is disconnected with
     * reason {@code slow_consumer}, so it never holds back the others or the gateway's memory.
     */
    @WithDefault("1000")
    int maxPendingFrames();

    /**
     * How often every room a socket holds is authorized again against the database, so that someone removed from a
     * workspace or a private channel stops receiving it within this time. Read by {@code AccessRecheck}'s schedule.
     */
    @WithDefault("5s")
    java.time.Duration accessRecheckInterval();

    /**
     * The most events a resuming subscription is sent from a room's history. A client that missed more is answered
     * {@code recovered:false} and refetches over REST, which is cheaper than a long replay on a socket.
     */
    @WithDefault("500")
    int maxReplay();

    /**
     * How often the gateway pings every socket: keeps idle sockets open through proxies, and finds dead peers. Read by
     * {@code SilentPeers}' schedule.
     */
    @WithDefault("30s")
    java.time.Duration pingInterval();

    /**
     * A socket that has sent nothing, not even a pong to the gateway's pings ({@link #pingInterval()}), for this long
     * is closed and its rooms released: its peer vanished without closing. At least two ping intervals and a margin.
     */
    @WithDefault("75s")
    java.time.Duration peerTimeout();

    /**
     * On SIGTERM the gateway reports not ready, then waits this long before it closes sockets: the time a load
     * balancer needs to stop sending it new upgrades ({@code GatewayDrain}).
     */
    @WithDefault("5s")
    java.time.Duration drainDelay();

    /**
     * The open sockets are closed spread evenly over this window, so their clients reconnect to the other gateways
     * gradually. Delay plus window plus a few seconds must fit in the termination grace period (30 s on Kubernetes).
     */
    @WithDefault("10s")
    java.time.Duration drainWindow();

    /**
     * How often sockets are checked for silence ({@code SilentPeers}; the bound is peer-timeout plus this) and for an
     * expired token ({@code ExpiredTokens}).
     */
    @WithDefault("5s")
    java.time.Duration peerCheckInterval();
}
