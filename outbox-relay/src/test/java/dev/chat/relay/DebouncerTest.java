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

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aBurstFiresOnceAfterTheQuietPeriod() throws Exception {
        Debouncer debouncer = new Debouncer(vertx, Duration.ofMillis(50), Duration.ofMillis(200), this::fired);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            debouncer.signal();
        }
        Thread.sleep(400);
        assertEquals(1, firedAt.size());
        assertTrue(firedAt.get(0) - start >= Duration.ofMillis(50).toNanos(), "never before the quiet period");
    }

    @Test
    void aSteadyStreamOfSignalsStillFiresAtTheMaximumWait() throws Exception {
        Debouncer debouncer = new Debouncer(vertx, Duration.ofMillis(50), Duration.ofMillis(200), this::fired);
        long end = System.nanoTime() + Duration.ofMillis(1_000).toNanos();
        while (System.nanoTime() < end) {
            debouncer.signal(); // every 10 ms: the quiet period never elapses
            Thread.sleep(10);
        }
        // Without the maximum wait nothing would fire during the stream; with it, about once per 200 ms.
        long duringStream = firedAt.stream().filter(t -> t < end).count();
        assertTrue(duringStream >= 3 && duringStream <= 6, "fired " + duringStream + " times in 1 s");
    }

    @Test
    void zeroQuietPeriodFiresAtOnce() {
        Debouncer debouncer = new Debouncer(vertx, Duration.ZERO, Duration.ZERO, this::fired);
        debouncer.signal();
        debouncer.signal();
        assertEquals(2, firedAt.size());
    }

    private void fired() {
        firedAt.add(System.nanoTime());
    }
}
