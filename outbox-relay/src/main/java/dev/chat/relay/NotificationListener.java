package dev.chat.relay;

import dev.chat.model.OutboxSignal;
import dev.chat.relay.store.PgConnections;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * LISTENs for writers' wake-up signals on a connection of its own. When the connection drops it reconnects, LISTENs
 * again and asks for one catch-up drain, since signals sent while it was away are lost.
 */
final class NotificationListener {

    private static final Logger LOG = Logger.getLogger(NotificationListener.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final PgConnections connections;
    private final Runnable onSignal;
    private final Runnable onReconnected;
    private volatile PgConnection connection;
    private volatile boolean stopped;

    NotificationListener(Vertx vertx, PgConnections connections, Runnable onSignal, Runnable onReconnected) {
        this.vertx = vertx;
        this.connections = connections;
        this.onSignal = onSignal;
        this.onReconnected = onReconnected;
    }

    void start() {
        connect(false);
    }

    void stop() {
        stopped = true;
        PgConnection current = connection;
        if (current != null) {
            current.closeAndAwait();
        }
    }

    private void connect(boolean reconnect) {
        if (stopped) {
            return;
        }
        connections.open()
                .call(opened -> opened.query("LISTEN " + OutboxSignal.CHANNEL).execute())
                .subscribe().with(opened -> {
                    connection = opened;
                    opened.notificationHandler(notification -> onSignal.run());
                    opened.closeHandler(() -> {
                        LOG.warn("LISTEN connection closed; reconnecting");
                        scheduleReconnect();
                    });
                    if (reconnect) {
                        LOG.info("LISTENing again; catching up on anything signalled meanwhile");
                        onReconnected.run();
                    }
                }, failure -> {
                    LOG.warnf("LISTEN connection failed: %s; retrying", failure.getMessage());
                    scheduleReconnect();
                });
    }

    private void scheduleReconnect() {
        connection = null;
        if (!stopped) {
            vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect(true));
        }
    }
}
