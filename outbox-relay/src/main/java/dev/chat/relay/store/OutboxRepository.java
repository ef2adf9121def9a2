package dev.chat.relay.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The relay's SQL over the outbox table. Only the leader calls it, so claiming needs no row locks. */
@ApplicationScoped
public class OutboxRepository {

    private static final String CLAIM_PENDING_BATCH = """
            SELECT id, rooms, payload::text AS envelope FROM outbox
            WHERE published_at IS NULL AND id > $1 ORDER BY id LIMIT $2
            """;
    /**
     * A published row has done its job: deleting it costs PostgreSQL a fraction of updating it (no new row version,
     * no index entries), which is most of what the relay costs it (docs/decisions/0003-outbox-only-path-to-clients.md).
     */
    private static final String DELETE_PUBLISHED = "DELETE FROM outbox WHERE id = ANY($1)";
    private static final String RECORD_FAILURE = """
            UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 1000) WHERE id = ANY($1)
            """;
    /**
     * Relays before this one marked published rows instead of deleting them; during a rolling upgrade an old one may
     * still mark some, which nothing else would ever delete. Normally there are none: the statement finds nothing.
     */
    private static final String PURGE_MARKED = """
            DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at IS NOT NULL LIMIT 10000)
            """;

    /** How many rows wait (counted up to 100,000, so a huge backlog stays cheap to read) and since when. */
    private static final String BACKLOG = """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 100000) p) AS pending,
                   (SELECT extract(epoch FROM now() - created_at)::float8 FROM outbox
                    WHERE published_at IS NULL ORDER BY id LIMIT 1) AS oldest_seconds
            """;

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** The oldest unpublished rows after {@code afterId}, in id order. */
    public Uni<List<PendingEvent>> claimPendingBatch(long afterId, int limit) {
        return pool.preparedQuery(CLAIM_PENDING_BATCH).execute(Tuple.of(afterId, limit)).map(rows -> {
            List<PendingEvent> batch = new ArrayList<>(rows.size());
            for (Row row : rows) {
                batch.add(new PendingEvent(row.getLong("id"), Arrays.asList(row.getArrayOfStrings("rooms")),
                        row.getString("envelope")));
            }
            return batch;
        });
    }

    public Uni<Void> deletePublished(List<PendingEvent> batch) {
        return pool.preparedQuery(DELETE_PUBLISHED).execute(Tuple.of(ids(batch))).replaceWithVoid();
    }

    public Uni<Void> recordFailure(List<PendingEvent> batch, String error) {
        return pool.preparedQuery(RECORD_FAILURE).execute(Tuple.of(ids(batch), error)).replaceWithVoid();
    }

    /** Deletes up to 10,000 rows an older relay marked published; returns how many. */
    public Uni<Integer> purgeMarked() {
        return pool.query(PURGE_MARKED).execute().map(rows -> rows.rowCount());
    }

    /** The unpublished rows: how many, and how long the oldest (by id) has waited. */
    public record Backlog(long pending, Duration oldestAge) {
    }

    public Uni<Backlog> backlog() {
        return pool.query(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            Double oldestSeconds = row.getDouble("oldest_seconds");
            long oldestMillis = oldestSeconds == null ? 0 : Math.max(0, Math.round(oldestSeconds * 1000));
            return new Backlog(row.getLong("pending"), Duration.ofMillis(oldestMillis));
        });
    }

    private static Long[] ids(List<PendingEvent> batch) {
        return batch.stream().map(PendingEvent::id).toArray(Long[]::new);
    }
}
