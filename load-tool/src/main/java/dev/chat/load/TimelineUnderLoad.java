package dev.chat.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Timeline reads under load: N readers each fetch the newest 50-item page of the channel once a second (open loop,
 * phases spread over the second, as people who keep a channel open), for ten seconds of warm-up and then the
 * measured window. load-tool/timeline-bench runs the load tool beside it, writing to the same workspace.
 */
final class TimelineUnderLoad {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Histogram reads = new Histogram(60_000_000L, 3);
    private final AtomicLong failedReads = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final String token;
    private volatile boolean measuring;

    private TimelineUnderLoad(String token) {
        this.token = token;
    }

    static void run(String api, UUID channel, String token, String[] args) throws Exception {
        int readers = 200;
        int seconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--readers" -> readers = Integer.parseInt(args[i + 1]);
                case "--duration" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new TimelineUnderLoad(token).measure(URI.create(api + "/api/channels/" + channel + "/messages?limit=50"),
                readers, seconds);
    }

    private void measure(URI page, int readers, int seconds) throws InterruptedException {
        for (int r = 0; r < readers; r++) {
            timer.scheduleAtFixedRate(() -> read(page), ThreadLocalRandom.current().nextLong(1_000_000), 1_000_000,
                    TimeUnit.MICROSECONDS);
        }
        Thread.sleep(Duration.ofSeconds(10).toMillis()); // warm-up
        synchronized (this) {
            reads.reset();
        }
        failedReads.set(0);
        measuring = true;
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        measuring = false;
        timer.shutdownNow();
        synchronized (this) {
            TimelineBench.print(readers + " readers, newest page each second", reads);
        }
        // Reads still waiting are slower than any in the percentiles, which are then a lower bound.
        System.out.printf("reads failed: %d; unanswered at the end of the window: %d%n", failedReads.get(),
                inFlight.get());
    }

    private void read(URI page) {
        HttpRequest request = HttpRequest.newBuilder(page).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token).GET().build();
        long sent = System.nanoTime();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.decrementAndGet();
            long micros = (System.nanoTime() - sent) / 1_000;
            if (failure != null || response.statusCode() != 200) {
                failedReads.incrementAndGet();
            } else if (measuring) {
                synchronized (this) {
                    reads.recordValue(micros);
                }
            }
        });
    }
}
