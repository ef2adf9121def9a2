package dev.chat.gateway.socket;

import dev.chat.gateway.rooms.LocalRooms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway counts, at {@code /q/metrics} (docs/operating.md lists every metric and the alerts on them).
 * A singleton, not application-scoped: it is called for every frame written, and a client proxy would look the
 * instance up on each call.
 */
@Singleton
public class SocketMetrics {

    private final MeterRegistry registry;
    private final Counter framesWritten;
    private final Counter slowConsumers;
    private final Counter refusedSubscriptions;
    private final Counter recovered;
    private final Counter notRecovered;
    private final AtomicInteger drainRemaining = new AtomicInteger();

    public SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesWritten = Counter.builder("chat.gateway.frames.written")
                .description("Frames queued to sockets: events, replies and replays").register(registry);
        this.slowConsumers = Counter.builder("chat.gateway.slow.consumers")
                .description("Sockets closed for not reading their frames fast enough").register(registry);
        this.refusedSubscriptions = Counter.builder("chat.gateway.subscriptions.refused")
                .description("Subscriptions refused because the user may not read the room").register(registry);
        this.recovered = resumes("recovered");
        this.notRecovered = resumes("refetch");
        Gauge.builder("chat.gateway.drain.remaining", drainRemaining, AtomicInteger::get)
                .description("Sockets a draining gateway has still to close").register(registry);
    }

    private Counter resumes(String outcome) {
        return Counter.builder("chat.gateway.resumes").tag("outcome", outcome)
                .description("Subscriptions with since: recovered (replayed) or refetch (recovered:false)")
                .register(registry);
    }

    /** The gauges that read the gateway's state when scraped. */
    void observe(ProtocolHandler protocol, LocalRooms rooms) {
        Gauge.builder("chat.gateway.sockets", protocol, p -> p.sessions().size())
                .description("Open sockets").register(registry);
        Gauge.builder("chat.gateway.subscriptions", protocol,
                        p -> p.sessions().stream().mapToInt(session -> session.rooms().size()).sum())
                .description("Rooms held by sockets, summed over sockets").register(registry);
        Gauge.builder("chat.gateway.rooms", rooms, LocalRooms::roomCount)
                .description("Distinct rooms this gateway is subscribed to in Redis").register(registry);
    }

    void frameWritten() {
        framesWritten.increment();
    }

    void slowConsumer() {
        slowConsumers.increment();
    }

    void subscriptionRefused() {
        refusedSubscriptions.increment();
    }

    void resumed(boolean wasRecovered) {
        (wasRecovered ? recovered : notRecovered).increment();
    }

    void drainRemaining(int sockets) {
        drainRemaining.set(sockets);
    }
}
