package dev.chat.relay;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Gathers a burst of signals into one action: the first signal opens a window of {@code gather}; signals arriving
 * within it join it without extending it; when it closes the action runs once, told when the burst began (its
 * {@link System#nanoTime()}). Under steady traffic the action therefore runs about once per window, and no signal
 * waits longer than the window for it. A zero window runs the action at once for every signal.
 */
public final class Debouncer {

    private final Vertx vertx;
    private final long gatherMillis;
    private final LongConsumer action;

    private long burstStartedNanos;
    private boolean gathering;

    public Debouncer(Vertx vertx, Duration gather, LongConsumer action) {
        this.vertx = vertx;
        this.gatherMillis = gather.toMillis();
        this.action = action;
    }

    public void signal() {
        long now = System.nanoTime();
        if (gatherMillis <= 0) {
            action.accept(now);
            return;
        }
        synchronized (this) {
            if (gathering) {
                return;
            }
            gathering = true;
            burstStartedNanos = now;
        }
        vertx.setTimer(gatherMillis, id -> fire());
    }

    private void fire() {
        long startedNanos;
        synchronized (this) {
            gathering = false;
            startedNanos = burstStartedNanos;
        }
        action.accept(startedNanos);
    }
}
