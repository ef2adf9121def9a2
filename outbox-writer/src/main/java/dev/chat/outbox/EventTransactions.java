package dev.chat.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Transactions that write outbox rows, with the relay woken the configured way around their commit. A transaction
 * PostgreSQL aborts in favour of a concurrent one (a deadlock or a serialization failure) wrote nothing, and its work
 * decides everything afresh from the database, so it is run again, a few times after short random pauses, before the
 * failure reaches the caller (who is then told to send the request again).
 */
@ApplicationScoped
public class EventTransactions {

    /** Attempts after the first; together their pauses add at most 5 + 10 + 20 ms to the answer. */
    static final int RETRIES = 3;
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final Set<String> ABORTED_FOR_ANOTHER = Set.of("40001", "40P01");

    private final Pool pool;
    private final OutboxWriter outbox;
    private final Vertx vertx;

    public EventTransactions(Pool pool, OutboxWriter outbox, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.vertx = vertx;
    }

    /** @param work the transaction's statements; it may run more than once, so it does nothing but use {@code tx} */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return attempt(work, 0).invoke(outbox::afterCommit);
    }

    private <T> Uni<T> attempt(Function<SqlConnection, Uni<T>> work, int retried) {
        return pool.withTransaction(tx -> work.apply(tx).call(() -> outbox.beforeCommit(tx)))
                .onFailure(failure -> retried < RETRIES && abortedForAnother(failure))
                .recoverWithUni(() -> pause(retried).chain(() -> attempt(work, retried + 1)));
    }

    /** Up to 5, 10, 20 ms, at random, so that the transactions that collided do not collide again. */
    private Uni<Void> pause(int retried) {
        long millis = 1 + ThreadLocalRandom.current().nextLong(FIRST_PAUSE_MILLIS << retried);
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    static boolean abortedForAnother(Throwable failure) {
        return failure instanceof DatabaseException database && ABORTED_FOR_ANOTHER.contains(database.getSqlState());
    }
}
