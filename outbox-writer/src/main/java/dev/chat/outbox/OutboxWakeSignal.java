package dev.chat.outbox;

import dev.chat.model.OutboxSignal;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * After-commit wake-up of the relay, coalesced per instance: however many transactions commit within the coalescing
 * interval, one NOTIFY goes out, outside any of them. A lost signal costs at most the relay's 1 s poll.
 */
@ApplicationScoped
public class OutboxWakeSignal {

    private static final Logger LOG = Logger.getLogger(OutboxWakeSignal.class);

    private final Pool pool;
    private final Vertx vertx;
    private final long coalesceMillis;
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxWakeSignal(Pool pool, Vertx vertx, OutboxConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.coalesceMillis = config.notifyCoalesce().toMillis();
    }

    public void wake() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        if (coalesceMillis <= 0) {
            vertx.runOnContext(this::send);
        } else {
            vertx.setTimer(coalesceMillis, id -> send());
        }
    }

    private void send() {
        pending.set(false);
        pool.query("NOTIFY " + OutboxSignal.CHANNEL).execute().subscribe().with(
                ok -> { },
                failure -> LOG.debugf("outbox wake-up not sent (the relay's poll covers it): %s", failure.getMessage()));
    }
}
