package dev.chat.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the parts of the local run alive as Kubernetes keeps a deployment's pods: a part that dies is started again,
 * with the reason printed; a part that keeps dying ({@value #MAX_DEATHS} times within {@link #DEATH_WINDOW}) stops
 * the whole run loudly instead of flapping forever.
 */
final class Supervisor {

    /** Something the run started: a service, PostgreSQL, Redis, the issuer. */
    interface Part {
        boolean isAlive();

        /** Why it is not alive, for the message that announces the restart (e.g. its exit code and log's tail). */
        String whyDead();

        /** Stops it gracefully (or cleans up after its death). */
        void stop();
    }

    /**
     * A server that is alive while something accepts connections on its port; stopping it closes it, or after a crash
     * releases what is left of it (e.g. its data folder's lock).
     */
    static Part listeningOn(int port, AutoCloseable server) {
        return new Part() {
            @Override
            public boolean isAlive() {
                return listening(port);
            }

            @Override
            public String whyDead() {
                return "nothing listens on port " + port + " any more";
            }

            @Override
            public void stop() {
                try {
                    server.close();
                } catch (Exception e) {
                    // already gone
                }
            }
        };
    }

    static final int MAX_DEATHS = 3;
    static final Duration DEATH_WINDOW = Duration.ofMinutes(1);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final List<Supervised> parts = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;

    private static final class Supervised {
        final String name;
        final Supplier<Part> starter;
        final Deque<Instant> deaths = new ArrayDeque<>();
        volatile Part current;

        Supervised(String name, Supplier<Part> starter) {
            this.name = name;
            this.starter = starter;
        }
    }

    /** Starts a part now (failing if it cannot start) and from then on restarts it whenever it dies. */
    void start(String name, Supplier<Part> starter) {
        Supervised part = new Supervised(name, starter);
        part.current = starter.get();
        parts.add(part);
    }

    /** Watches every second on a thread of its own; {@code giveUp} runs when a part keeps dying. */
    void watch(Runnable giveUp) {
        Thread watcher = new Thread(() -> {
            while (!stopping) {
                List<Supervised> snapshot;
                synchronized (parts) {
                    snapshot = new ArrayList<>(parts);
                }
                for (Supervised part : snapshot) {
                    if (!stopping && !part.current.isAlive() && !revive(part)) {
                        giveUp.run();
                        return;
                    }
                }
                sleep(CHECK_EVERY.toMillis());
            }
        }, "local-stack-supervisor");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** @return false when the part has died too often (or could not be started again) */
    private boolean revive(Supervised part) {
        Instant now = Instant.now();
        part.deaths.addLast(now);
        while (part.deaths.peekFirst().isBefore(now.minus(DEATH_WINDOW))) {
            part.deaths.removeFirst();
        }
        String why = part.current.whyDead();
        if (part.deaths.size() >= MAX_DEATHS) {
            System.err.printf("[local] %s died %d times within %d s; stopping everything. Last time: %s%n",
                    part.name, part.deaths.size(), DEATH_WINDOW.toSeconds(), why);
            return false;
        }
        System.err.printf("[local] %s died (%s); starting it again%n", part.name, why);
        try {
            part.current.stop();
            part.current = part.starter.get();
            System.err.printf("[local] %s is back%n", part.name);
            return true;
        } catch (RuntimeException e) {
            System.err.printf("[local] %s could not be started again: %s%n", part.name, e.getMessage());
            return false;
        }
    }

    /** Stops every part, the last started first. */
    void stopAll() {
        stopping = true;
        List<Supervised> reversed;
        synchronized (parts) {
            reversed = new ArrayList<>(parts);
        }
        Collections.reverse(reversed);
        for (Supervised part : reversed) {
            try {
                part.current.stop();
            } catch (RuntimeException e) {
                System.err.println("while stopping " + part.name + ": " + e.getMessage());
            }
        }
    }

    /** Whether something accepts connections on this loopback port. */
    static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
