package dev.chat.relay.leader;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Elects one active relay with a PostgreSQL session advisory lock held on a connection of its own. The lock lives
 * exactly as long as that connection: when the leader dies, PostgreSQL releases it and a standby, retrying every
 * {@code retry}, takes over. The leader checks its connection on the same beat and steps down the moment it fails,
 * so two leaders overlap for at most one beat.
 */
public final class LeaderElection {

    /** Told about changes of role; called from event-loop threads, so it must not block. */
    public interface Listener {
        void elected();

        void demoted();
    }

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final Vertx vertx;
    private final Supplier<Uni<PgConnection>> connect;
    private final long lockKey;
    private final Duration retry;
    private final Listener listener;

    private PgConnection connection;
    private boolean leader;
    private boolean busy;
    private boolean stopped;
    private long timer = -1;

    public LeaderElection(Vertx vertx, Supplier<Uni<PgConnection>> connect, long lockKey, Duration retry,
                          Listener listener) {
        this.vertx = vertx;
        this.connect = connect;
        this.lockKey = lockKey;
        this.retry = retry;
        this.listener = listener;
    }

    public synchronized void start() {
        stopped = false;
        timer = vertx.setPeriodic(1, retry.toMillis(), id -> beat());
    }

    public synchronized boolean isLeader() {
        return leader;
    }

    /** Gives up the lock at once (by closing its connection) so a standby takes over without waiting. */
    public void stop() {
        PgConnection toClose;
        synchronized (this) {
            stopped = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            toClose = connection;
            connection = null;
        }
        lose();
        if (toClose != null) {
            toClose.closeAndAwait();
        }
    }

    private synchronized void beat() {
        if (busy || stopped) {
            return;
        }
        busy = true;
        Uni<Boolean> attempt = leader ? stillConnected() : tryAcquire();
        attempt.subscribe().with(this::settle, failure -> {
            LOG.debugf("leader check failed: %s", failure.getMessage());
            dropConnection();
            settle(false);
        });
    }

    private Uni<Boolean> tryAcquire() {
        return connection().chain(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(lockKey)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private Uni<Boolean> stillConnected() {
        return connection().chain(c -> c.query("SELECT 1").execute())
                .ifNoItem().after(retry).fail()
                .replaceWith(true);
    }

    private void settle(boolean holdsLock) {
        boolean becameLeader;
        synchronized (this) {
            busy = false;
            if (stopped) {
                return;
            }
            becameLeader = holdsLock && !leader;
            if (becameLeader) {
                leader = true;
            }
        }
        if (becameLeader) {
            LOG.info("This relay is now the leader");
            listener.elected();
        } else if (!holdsLock) {
            lose();
        }
    }

    private void lose() {
        boolean wasLeader;
        synchronized (this) {
            wasLeader = leader;
            leader = false;
        }
        if (wasLeader) {
            LOG.warn("This relay is no longer the leader");
            listener.demoted();
        }
    }

    private synchronized Uni<PgConnection> connection() {
        if (connection != null) {
            return Uni.createFrom().item(connection);
        }
        return connect.get().invoke(opened -> {
            synchronized (this) {
                connection = opened;
            }
            opened.closeHandler(() -> {
                synchronized (this) {
                    if (connection == opened) {
                        connection = null;
                    }
                }
                lose();
            });
        });
    }

    private void dropConnection() {
        PgConnection toClose;
        synchronized (this) {
            toClose = connection;
            connection = null;
        }
        if (toClose != null) {
            toClose.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
