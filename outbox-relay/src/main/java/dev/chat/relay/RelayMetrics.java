package dev.chat.relay;

import dev.chat.relay.store.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What the relay counts, at {@code /q/metrics} (docs/operating.md lists every metric and the alerts on them). The
 * backlog is read from the outbox every {@link #BACKLOG_EVERY} by every instance, leader or standby, so that it is
 * reported even when no relay leads.
 */
@ApplicationScoped
public class RelayMetrics {

    static final Duration BACKLOG_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(RelayMetrics.class);

    private final Vertx vertx;
    private final OutboxRepository outbox;
    private final Counter published;
    private final Counter passes;
    private final Counter latePasses;
    private final Counter publishFailures;
    private final DistributionSummary batchSizes;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private long timer = -1;

    public RelayMetrics(MeterRegistry registry, Vertx vertx, OutboxRepository outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.published = Counter.builder("chat.relay.published.events")
                .description("Events this instance published to Redis").register(registry);
        this.passes = Counter.builder("chat.relay.drain.passes")
                .description("Drain passes this instance started").register(registry);
        this.latePasses = Counter.builder("chat.relay.drain.late.passes")
                .description("Drain passes that started more than debounce-max after the signal they served")
                .register(registry);
        this.publishFailures = Counter.builder("chat.relay.publish.failures")
                .description("Batches Redis refused; each is retried with backoff").register(registry);
        this.batchSizes = DistributionSummary.builder("chat.relay.batch.size")
                .description("Events per published batch").register(registry);
        Gauge.builder("chat.relay.leader", leader, held -> held.get() ? 1 : 0)
                .description("1 while this instance is the leader").register(registry);
        Gauge.builder("chat.outbox.pending.events", pending, AtomicLong::get)
                .description("Outbox rows not yet published (counted up to 100,000)").register(registry);
        Gauge.builder("chat.outbox.oldest.pending.age", oldestPendingMillis, millis -> millis.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row, 0 when none: the delay clients see")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(BACKLOG_EVERY.toMillis(), id -> readBacklog());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void leader(boolean leads) {
        leader.set(leads);
    }

    void passStarted(boolean late) {
        passes.increment();
        if (late) {
            latePasses.increment();
        }
    }

    void batchPublished(int events) {
        published.increment(events);
        batchSizes.record(events);
    }

    void publishFailed() {
        publishFailures.increment();
    }

    long publishedCount() {
        return (long) published.count();
    }

    long passCount() {
        return (long) passes.count();
    }

    long latePassCount() {
        return (long) latePasses.count();
    }

    private void readBacklog() {
        outbox.backlog().subscribe().with(backlog -> {
            pending.set(backlog.pending());
            oldestPendingMillis.set(backlog.oldestAge().toMillis());
        }, failure -> LOG.debugf("Reading the outbox backlog failed: %s", failure.getMessage()));
    }
}
