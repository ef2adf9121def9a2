package dev.chat.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    /** A part that is alive until the test kills it; counts how often it was started and stopped. */
    static final class FakePart implements Supervisor.Part {
        volatile boolean alive = true;
        final AtomicInteger stops;

        FakePart(AtomicInteger stops) {
            this.stops = stops;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public String whyDead() {
            return "killed by the test";
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }
    }

    @Test
    void aPartThatDiesIsStartedAgainAndOneThatKeepsDyingStopsTheRun() throws Exception {
        Supervisor supervisor = new Supervisor();
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        FakePart[] current = new FakePart[1];
        supervisor.start("service", () -> {
            starts.incrementAndGet();
            current[0] = new FakePart(stops);
            return current[0];
        });
        CountDownLatch gaveUp = new CountDownLatch(1);
        supervisor.watch(gaveUp::countDown);

        for (int death = 1; death < Supervisor.MAX_DEATHS; death++) {
            FakePart dying = current[0];
            dying.alive = false;
            awaitTrue(() -> current[0] != dying);
            assertEquals(death + 1, starts.get(), "started again after death " + death);
            assertEquals(1, gaveUp.getCount());
        }
        current[0].alive = false;
        assertTrue(gaveUp.await(5, TimeUnit.SECONDS), "the third death within a minute stops the run");
        assertEquals(Supervisor.MAX_DEATHS, starts.get());

        supervisor.stopAll();
        assertEquals(Supervisor.MAX_DEATHS, stops.get(), "each dead part cleaned up, the last one stopped");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(20);
        }
    }
}
