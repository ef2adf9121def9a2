package dev.chat.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.relay.leader.LeaderElection;
import dev.chat.relay.publish.RoomPublisher;
import dev.chat.relay.store.OutboxRepository;
import dev.chat.relay.store.PendingEvent;
import dev.chat.relay.store.PgConnections;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox rows to Redis (docs/decisions/0003-outbox-only-path-to-clients.md). While this instance is
 * the leader, a drain is requested by NOTIFYs (gathered for {@code debounce-gather}), by the 1 s poll and after
 * re-LISTENing; a drain claims batches in id order, publishes each and deletes its rows only once Redis accepted
 * it. A failed batch stays pending and is retried with backoff. Only one drain runs at a time; a request arriving
 * meanwhile makes it go round once more as soon as it ends. A pass that starts more than {@code debounce-max} after
 * the signal it serves is counted as late (docs/decisions/0001-outbox-wakeup.md).
 */
@ApplicationScoped
public class OutboxRelay implements LeaderElection.Listener {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final RelayConfig config;
    private final OutboxRepository outbox;
    private final RoomPublisher publisher;
    private final LeaderElection election;
    private final NotificationListener listener;
    private final Debouncer debouncer;
    private final RelayMetrics metrics;
    private final long lateNanos;

    private boolean draining;
    private boolean drainAgain;
    /** When the oldest request not yet served by a started pass was made ({@link System#nanoTime()}). */
    private long waitingSinceNanos;
    /** When the request the running pass serves was made: a retry after its failure serves that request still. */
    private long passServingSinceNanos;
    private int consecutiveFailures;
    private long retryTimer = -1;
    private long pollTimer = -1;
    private long purgeTimer = -1;

    public OutboxRelay(Vertx vertx, RelayConfig config, OutboxRepository outbox, Redis redis, ObjectMapper json,
                       PgConnections connections, RelayMetrics metrics) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.config = config;
        this.outbox = outbox;
        this.publisher = new RoomPublisher(redis, json, config.historySize(), config.historyAge(),
                config.roomIdleExpiry(), config.batchSize());
        this.election = new LeaderElection(vertx, connections::open, config.leaderLockKey(), config.leaderRetry(),
                this);
        this.lateNanos = config.debounceMax().toNanos();
        this.debouncer = new Debouncer(vertx.getDelegate(), config.debounceGather(), this::requestDrain);
        this.listener = new NotificationListener(vertx, connections, debouncer::signal, this::requestDrain);
    }

    void onStart(@Observes StartupEvent event) {
        listener.start();
        election.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        listener.stop();
        election.stop();
    }

    public boolean isLeader() {
        return election.isLeader();
    }


    @Override
    public synchronized void elected() {
        metrics.leader(true);
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> requestDrain());
        purgeTimer = vertx.setPeriodic(PURGE_INTERVAL.toMillis(), id -> purge());
        requestDrain();
    }

    @Override
    public synchronized void demoted() {
        metrics.leader(false);
        for (long timer : new long[] {pollTimer, purgeTimer, retryTimer}) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        pollTimer = purgeTimer = retryTimer = -1;
    }

    /** Asks for a drain; cheap and safe to call from any thread at any rate. */
    public void requestDrain() {
        requestDrain(System.nanoTime());
    }

    /** @param sinceNanos when the need for this drain arose: the first signal of a gathered burst, or now */
    private void requestDrain(long sinceNanos) {
        synchronized (this) {
            if (!election.isLeader() || retryTimer >= 0) {
                return; // a standby does nothing; after a failure the backoff timer drains next
            }
            if (draining) {
                waitingSinceNanos = drainAgain ? Math.min(waitingSinceNanos, sinceNanos) : sinceNanos;
                drainAgain = true;
                return;
            }
            draining = true;
            drainAgain = false;
        }
        drainPass(sinceNanos);
    }

    /**
     * One pass over the backlog in id order, pipelined: while batch N is published, batch N+1 is already being
     * claimed (keyset, after N's last id) and batch N-1 deleted. Publishing stays strictly sequential, which keeps
     * per-room order. A row committed late with a lower id than the pass has reached is caught by the next pass,
     * which its own NOTIFY (or the poll) requests.
     */
    private void drainPass(long servingSinceNanos) {
        synchronized (this) {
            passServingSinceNanos = servingSinceNanos;
        }
        metrics.passStarted(System.nanoTime() - servingSinceNanos > lateNanos);
        claim(0L).thenAccept(batch -> continuePass(batch, CompletableFuture.completedFuture(null)))
                .exceptionally(this::afterFailure);
    }

    private void continuePass(List<PendingEvent> batch, CompletableFuture<Void> previousDeletes) {
        if (batch.isEmpty() || previousDeletes.isCompletedExceptionally() || !election.isLeader()) {
            previousDeletes.thenRun(this::afterPass).exceptionally(this::afterFailure);
            return;
        }
        CompletableFuture<List<PendingEvent>> next = batch.size() < config.batchSize()
                ? CompletableFuture.completedFuture(List.of())
                : claim(batch.get(batch.size() - 1).id());
        publish(batch)
                .thenCompose(published -> {
                    CompletableFuture<Void> deletes = previousDeletes.thenCompose(done -> delete(batch));
                    return next.thenAccept(nextBatch -> continuePass(nextBatch, deletes));
                })
                .exceptionally(this::afterFailure);
    }

    private CompletableFuture<List<PendingEvent>> claim(long afterId) {
        return outbox.claimPendingBatch(afterId, config.batchSize()).subscribeAsCompletionStage();
    }

    private CompletableFuture<Void> publish(List<PendingEvent> batch) {
        return publisher.publish(batch)
                .onFailure().invoke(metrics::publishFailed)
                .onFailure().call(failure -> outbox.recordFailure(batch, String.valueOf(failure.getMessage()))
                        .onFailure().recoverWithNull())
                .subscribeAsCompletionStage();
    }

    private CompletableFuture<Void> delete(List<PendingEvent> batch) {
        return outbox.deletePublished(batch).subscribeAsCompletionStage()
                .thenRun(() -> {
                    metrics.batchPublished(batch.size());
                    if (LOG.isDebugEnabled()) { // docs/operating.md, "Following one message"
                        LOG.debugf("Published %d events: %s", batch.size(),
                                batch.stream().map(PendingEvent::eventId).toList());
                    }
                });
    }

    private void afterPass() {
        boolean again;
        long servingSince;
        synchronized (this) {
            consecutiveFailures = 0;
            again = election.isLeader() && drainAgain;
            servingSince = waitingSinceNanos;
            drainAgain = false;
            draining = again;
        }
        if (again) {
            drainPass(servingSince);
        }
    }

    private Void afterFailure(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        long backoff;
        synchronized (this) {
            draining = false;
            consecutiveFailures++;
            backoff = backoffMillis(consecutiveFailures);
            long servedSince = drainAgain ? Math.min(passServingSinceNanos, waitingSinceNanos) : passServingSinceNanos;
            drainAgain = false;
            retryTimer = vertx.setTimer(backoff, id -> {
                synchronized (this) {
                    retryTimer = -1;
                }
                requestDrain(servedSince); // events waited through the backoff too: a late retry is counted late
            });
        }
        LOG.warnf("Publishing failed (%d in a row), retrying in %d ms: %s", consecutiveFailures, backoff,
                failure.getMessage());
        return null;
    }

    long backoffMillis(int failures) {
        long initial = config.retryBackoffInitial().toMillis();
        long max = config.retryBackoffMax().toMillis();
        return Math.min(max, initial << Math.min(failures - 1, 20));
    }

    private void purge() {
        outbox.purgeMarked().subscribe().with(
                deleted -> {
                    if (deleted > 0) {
                        LOG.debugf("Purged %d published outbox rows", deleted);
                    }
                },
                failure -> LOG.warnf("Purging published outbox rows failed: %s", failure.getMessage()));
    }
}
