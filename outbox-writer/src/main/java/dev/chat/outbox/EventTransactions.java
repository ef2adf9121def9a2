package dev.chat.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Transactions that write outbox rows, with the relay woken the configured way around their commit. */
@ApplicationScoped
public class EventTransactions {

    private final Pool pool;
    private final OutboxWriter outbox;

    public EventTransactions(Pool pool, OutboxWriter outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(tx -> work.apply(tx).call(() -> outbox.beforeCommit(tx)))
                .invoke(outbox::afterCommit);
    }
}
