package dev.chat.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.local.TokenClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives N authors posting to M channels at a fixed rate while K WebSocket subscribers (spread over the channels
 * and the gateways) receive the events, then prints latency percentiles and throughput.
 * <p>
 * Latency is measured per delivered frame, from the moment the POST's 201 arrived (the message is committed) to the
 * moment the frame arrived at a subscriber. Both instants are taken in this process on one monotonic clock. A frame
 * that overtakes its own 201 counts as 0.
 */
public final class LoadTool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> receivedAt = new ConcurrentHashMap<>();
    private final Histogram postLatency = new Histogram(60_000_000_000L, 3);
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong failedPosts = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private volatile boolean measuring;

    private LoadTool(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadTool(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        LoadFixture fixture = LoadFixture.create(options);
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (String subject : fixture.subjects) {
            tokens.put(subject, TokenClient.accessToken(options.issuerUrl(), subject));
        }
        List<WebSocket> sockets = openSubscribers(fixture, tokens);
        System.out.printf("fixture: %d channels, %d users; %d sockets subscribed over %d gateway(s)%n",
                fixture.channelIds.size(), fixture.subjects.size(), sockets.size(), options.gatewayUrls().size());

        postAtRate(fixture, tokens, options.warmup(), false);
        acceptedAt.clear();
        receivedAt.clear();
        postLatency.reset();
        framesReceived.set(0);
        posted.set(0);
        failedPosts.set(0);
        measuring = true;
        long start = System.nanoTime();
        postAtRate(fixture, tokens, options.duration(), true);
        long postingNanos = System.nanoTime() - start;
        Thread.sleep(2_000); // let the last frames arrive
        measuring = false;
        report(postingNanos, sockets.size(), fixture);
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }

    private List<WebSocket> openSubscribers(LoadFixture fixture, Map<String, String> tokens) throws Exception {
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(options.subscribers());
        for (int i = 0; i < options.subscribers(); i++) {
            String gateway = options.gatewayUrls().get(i % options.gatewayUrls().size());
            String subject = fixture.subjects.get(i % fixture.subjects.size());
            UUID channel = fixture.channelIds.get(i % fixture.channelIds.size());
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + tokens.get(subject))
                    .buildAsync(URI.create(gateway), new FrameListener(subscribed)).get(30, TimeUnit.SECONDS);
            socket.sendText("{\"op\":\"subscribe\",\"room\":\"channel:" + channel + "\"}", true);
            sockets.add(socket);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every subscriber was confirmed within 60 s");
        }
        return sockets;
    }

    private void postAtRate(LoadFixture fixture, Map<String, String> tokens, Duration duration, boolean record)
            throws InterruptedException {
        long total = options.ratePerSecond() * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / Math.max(1, options.ratePerSecond());
        Semaphore inFlight = new Semaphore(options.httpConcurrency());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch((int) total);
        AtomicLong sequence = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            long n = sequence.getAndIncrement();
            if (n >= total) {
                return;
            }
            if (!inFlight.tryAcquire()) {
                failedPosts.incrementAndGet(); // the system is not keeping up: count it, do not queue without bound
                done.countDown();
                return;
            }
            String author = fixture.subjects.get((int) (n % options.authors()));
            UUID channel = fixture.channelIds.get((int) (n % fixture.channelIds.size()));
            post(tokens.get(author), channel, n, record).whenComplete((ok, failure) -> {
                inFlight.release();
                done.countDown();
            });
        }, 0, intervalNanos, TimeUnit.NANOSECONDS);
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        ticker.shutdownNow();
    }

    private CompletableFuture<Void> post(String token, UUID channel, long n, boolean record) {
        String body = "{\"channel_id\":\"" + channel + "\",\"content\":\"load message " + n + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.apiUrl() + "/api/messages"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            long now = System.nanoTime();
            if (response.statusCode() != 201) {
                failedPosts.incrementAndGet();
                return;
            }
            posted.incrementAndGet();
            if (record) {
                postLatency.recordValue(now - sent);
                acceptedAt.put(messageId(response.body()), now);
            }
        }).exceptionally(failure -> {
            failedPosts.incrementAndGet();
            return null;
        });
    }

    private void report(long postingNanos, int socketCount, LoadFixture fixture) {
        Histogram delivery = new Histogram(60_000_000_000L, 3);
        long unmatched = 0;
        for (var entry : receivedAt.entrySet()) {
            Long accepted = acceptedAt.get(entry.getKey());
            if (accepted == null) {
                unmatched += entry.getValue().size();
                continue;
            }
            for (long received : entry.getValue()) {
                delivery.recordValue(Math.max(0, received - accepted));
            }
        }
        double seconds = postingNanos / 1e9;
        long expectedFrames = posted.get() * socketCount / fixture.channelIds.size();
        System.out.printf("""
                        load: %d authors → %d channels, %d subscribers, target %d msg/s for %.0f s
                        posted: %d accepted (%.1f msg/s), %d failed or shed
                        POST latency (ms):            p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        delivery latency (ms, 201 → frame): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        frames: %d received (%.0f/s), about %d expected, %d without a matching 201
                        """,
                options.authors(), fixture.channelIds.size(), socketCount, options.ratePerSecond(), seconds,
                posted.get(), posted.get() / seconds, failedPosts.get(),
                ms(postLatency, 50), ms(postLatency, 90), ms(postLatency, 99), postLatency.getMaxValue() / 1e6,
                ms(delivery, 50), ms(delivery, 90), ms(delivery, 99), delivery.getMaxValue() / 1e6,
                framesReceived.get(), framesReceived.get() / seconds, expectedFrames, unmatched);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static String messageId(String body) {
        try {
            return JSON.readTree(body).path("id").asText();
        } catch (Exception e) {
            return "";
        }
    }

    /** Records when each message's frame arrived; counts the subscribe confirmations. */
    private final class FrameListener implements WebSocket.Listener {
        private final CountDownLatch subscribed;
        private final StringBuilder partial = new StringBuilder();

        FrameListener(CountDownLatch subscribed) {
            this.subscribed = subscribed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                onFrame(text, now);
            }
            socket.request(1);
            return null;
        }

        private void onFrame(String text, long now) {
            try {
                JsonNode frame = JSON.readTree(text);
                switch (frame.path("type").asText()) {
                    case "subscribed" -> subscribed.countDown();
                    case "error" -> System.err.println("gateway error: " + text);
                    case "event" -> {
                        if (measuring) {
                            framesReceived.incrementAndGet();
                            String id = frame.path("event").path("payload").path("id").asText();
                            receivedAt.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(
                                    new ArrayList<>())).add(now);
                        }
                    }
                    default -> { }
                }
            } catch (Exception e) {
                System.err.println("unreadable frame: " + e.getMessage());
            }
        }
    }
}
