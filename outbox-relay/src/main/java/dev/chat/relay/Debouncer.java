package dev.chat.relay;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Coalesces bursts of signals into one action: it fires once no signal has come for {@code quiet}, or {@code max}
 * after the first signal of the burst, whichever is first. With a zero quiet period it fires at once.
 */
public final class Debouncer {

    private final Vertx vertx;
    private final long quietMillis;
    private final long maxMillis;
    private final Runnable action;

    private long quietTimer = -1;
    private long maxTimer = -1;

    public Debouncer(Vertx vertx, Duration quiet, Duration max, Runnable action) {
        this.vertx = vertx;
        this.quietMillis = quiet.toMillis();
        this.maxMillis = Math.max(max.toMillis(), quiet.toMillis());
        this.action = action;
    }

    public synchronized void signal() {
        if (quietMillis <= 0) {
            action.run();
            return;
        }
        if (quietTimer >= 0) {
            vertx.cancelTimer(quietTimer);
        }
        quietTimer = vertx.setTimer(quietMillis, id -> fire());
        if (maxTimer < 0) {
            maxTimer = vertx.setTimer(maxMillis, id -> fire());
        }
    }

    private void fire() {
        synchronized (this) {
            if (quietTimer >= 0) {
                vertx.cancelTimer(quietTimer);
            }
            if (maxTimer >= 0) {
                vertx.cancelTimer(maxTimer);
            }
            quietTimer = -1;
            maxTimer = -1;
        }
        action.run();
    }
}
