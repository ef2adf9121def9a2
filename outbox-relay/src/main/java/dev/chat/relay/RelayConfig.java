package dev.chat.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The relay's settings (docs/decisions/0001-outbox-wakeup.md, 0002-one-relay-leader.md,
 * 0004-room-offsets-epochs-history.md).
 */
@ConfigMapping(prefix = "chat.relay")
public interface RelayConfig {

    /**
     * After a NOTIFY, wait this long (not extended by further NOTIFYs) to gather the burst into one drain. 0 drains at
     * once for every NOTIFY.
     */
    @WithDefault("50ms")
    Duration debounceGather();

    /**
     * The bound an event should not wait beyond for its drain to start, also while a drain is running. A pass that
     * starts later is counted as late (the relay's readiness data, {@code late_passes}): the relay is overloaded.
     */
    @WithDefault("200ms")
    Duration debounceMax();

    /** Fallback poll: delivery stays correct if a signal is lost or a writer died between commit and signal. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Outbox rows claimed and published per round trip. */
    @WithDefault("1000")
    int batchSize();

    /** Events kept per room in Redis for clients that resume (approximate, XADD MAXLEN ~). */
    @WithDefault("1000")
    int historySize();

    /** How long an event stays in its room's history; a client that was away longer refetches over REST. */
    @WithDefault("24h")
    Duration historyAge();

    /**
     * A room with no event for this long loses its keys in Redis (epoch, offset, history): its next event starts a new
     * epoch. Bounds Redis by active rooms rather than by every room there ever was.
     */
    @WithDefault("7d")
    Duration roomIdleExpiry();

    /** Advisory lock key that elects the one active relay. Relays sharing a database must share it. */
    @WithDefault("7316002")
    long leaderLockKey();

    /** How often a standby tries to become leader. */
    @WithDefault("1s")
    Duration leaderRetry();

    /** First wait after a failed publish; doubles per consecutive failure up to {@link #retryBackoffMax()}. */
    @WithDefault("100ms")
    Duration retryBackoffInitial();

    @WithDefault("10s")
    Duration retryBackoffMax();
}
