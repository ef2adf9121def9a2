package dev.chat.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<Long> firedAt = new CopyOnWriteArrayList<>();
    private final List<Long> burstsStartedAt = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aBurstFiresOnceWhenItsWindowCloses() throws Exception {
        Debouncer debouncer = new Debouncer(vertx, Duration.ofMillis(50), this::fired);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            debouncer.signal();
        }
        Thread.sleep(300);
        assertEquals(1, firedAt.size());
        assertTrue(firedAt.get(0) - start >= Duration.ofMillis(50).toNanos(), "never before the window closes");
        assertTrue(burstsStartedAt.get(0) >= start && burstsStartedAt.get(0) < firedAt.get(0),
                "told when the burst began");
    }

    @Test
    void aSteadyStreamOfSignalsFiresOncePerWindowNotOncePerSignal() throws Exception {
        Debouncer debouncer = new Debouncer(vertx, Duration.ofMillis(50), this::fired);
        long end = System.nanoTime() + Duration.ofMillis(1_000).toNanos();
        int signals = 0;
        while (System.nanoTime() < end) {
            debouncer.signal(); // every 5 ms: later signals must not push the window back
            signals++;
            Thread.sleep(5);
        }
        Thread.sleep(100);
        // One window of 50 ms after another (each opened by the next signal): about 18 in one second, never ~160.
        assertTrue(firedAt.size() >= 12 && firedAt.size() <= 21,
                "fired " + firedAt.size() + " times for " + signals + " signals in 1 s");
        for (int i = 0; i < firedAt.size(); i++) {
            long waited = firedAt.get(i) - burstsStartedAt.get(i);
            assertTrue(waited < Duration.ofMillis(150).toNanos(), "burst " + i + " waited " + waited / 1_000_000
                    + " ms: a steady stream must not hold the drain back to a maximum");
        }
    }

    @Test
    void aZeroWindowFiresAtOnce() {
        Debouncer debouncer = new Debouncer(vertx, Duration.ZERO, this::fired);
        debouncer.signal();
        debouncer.signal();
        assertEquals(2, firedAt.size());
    }

    private void fired(long burstStartedNanos) {
        burstsStartedAt.add(burstStartedNanos);
        firedAt.add(System.nanoTime());
    }
}
