package dev.chat.load;

import dev.chat.local.TokenClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives N authors posting to M channels at a fixed rate while K WebSocket subscribers (spread over the channels
 * and the gateways) receive the events, then prints latency percentiles and throughput.
 * <p>
 * Delivery latency is measured per delivered frame, from the moment the POST's 201 arrived (the message is
 * committed) to the moment the frame arrived at a subscriber, both on this process's monotonic clock. A frame that
 * overtakes its own 201 counts as 0. Posts are open-loop: one every 1/rate seconds whatever the answers; a post that
 * would exceed {@code --http-concurrency} requests in flight is shed and counted, never queued.
 */
public final class LoadTool {

    private static final String PAYLOAD_ID = "\"payload\":{\"id\":\"";

    private final LoadOptions options;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> receivedAt = new ConcurrentHashMap<>();
    private final Histogram postLatency = new Histogram(60_000_000_000L, 3);
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong failedPosts = new AtomicLong();
    private final AtomicLong shedPosts = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean measuring;

    private LoadTool(LoadOptions options) {
        this.options = options;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(options.httpConcurrency())
                .setMaxWebSockets(Math.max(1, options.subscribers()))
                .setKeepAlive(true));
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
        try {
            new LoadTool(options).run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("load run failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        LoadFixture fixture = LoadFixture.create(options);
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (String subject : fixture.subjects) {
            tokens.put(subject, TokenClient.accessToken(options.issuerUrl(), subject));
        }
        openSubscribers(fixture, tokens);
        System.out.printf("fixture: %d channels, %d users; %d sockets subscribed over %d gateway(s)%n",
                fixture.channelIds.size(), fixture.subjects.size(), options.subscribers(),
                options.gatewayUrls().size());

        postAtRate(fixture, tokens, options.warmup().toSeconds());
        Thread.sleep(1_000);
        acceptedAt.clear();
        receivedAt.clear();
        postLatency.reset();
        framesReceived.set(0);
        posted.set(0);
        failedPosts.set(0);
        shedPosts.set(0);
        measuring = true;
        long start = System.nanoTime();
        postAtRate(fixture, tokens, options.duration().toSeconds());
        long postingNanos = System.nanoTime() - start;
        Thread.sleep(2_000); // let the last frames arrive
        measuring = false;
        report(postingNanos, fixture);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void openSubscribers(LoadFixture fixture, Map<String, String> tokens) throws InterruptedException {
        CountDownLatch subscribed = new CountDownLatch(options.subscribers());
        for (int i = 0; i < options.subscribers(); i++) {
            URI gateway = URI.create(options.gatewayUrls().get(i % options.gatewayUrls().size()));
            String subject = fixture.subjects.get(i % fixture.subjects.size());
            UUID channel = fixture.channelIds.get(i % fixture.channelIds.size());
            WebSocketConnectOptions connect = new WebSocketConnectOptions()
                    .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI(gateway.getPath())
                    .setAllowOriginHeader(false) // a native client: browsers' Origin is checked against an allow-list
                    .addHeader("Authorization", "Bearer " + tokens.get(subject));
            http.webSocket(connect).onSuccess(socket -> {
                socket.textMessageHandler(text -> onFrame(text, subscribed));
                socket.writeTextMessage("{\"op\":\"subscribe\",\"room\":\"channel:" + channel + "\"}");
            }).onFailure(failure -> System.err.println("socket failed: " + failure.getMessage()));
            if (i % 100 == 99) {
                Thread.sleep(50); // do not open thousands of sockets in one instant
            }
        }
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(subscribed.getCount() + " subscribers not confirmed within 120 s");
        }
    }

    private void onFrame(String text, CountDownLatch subscribed) {
        long now = System.nanoTime();
        if (text.startsWith("{\"type\":\"event\"")) {
            if (measuring) {
                framesReceived.incrementAndGet();
                int at = text.indexOf(PAYLOAD_ID);
                if (at >= 0) {
                    String id = text.substring(at + PAYLOAD_ID.length(), at + PAYLOAD_ID.length() + 36);
                    receivedAt.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>(4))).add(now);
                }
            }
        } else if (text.startsWith("{\"type\":\"subscribed\"")) {
            subscribed.countDown();
        } else if (text.startsWith("{\"type\":\"error\"")) {
            System.err.println("gateway error: " + text);
        }
    }

    /** Issues posts from a 1 ms Vert.x timer: each tick sends what is due by then, so the rate holds on average. */
    private void postAtRate(LoadFixture fixture, Map<String, String> tokens, long seconds)
            throws InterruptedException {
        long total = options.ratePerSecond() * seconds;
        double perNano = options.ratePerSecond() / 1e9;
        URI api = URI.create(options.apiUrl());
        CountDownLatch allIssued = new CountDownLatch(1);
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) * perNano) + 1);
            for (long n = issued.get(); n < due; n = issued.incrementAndGet()) {
                if (inFlight.get() >= options.httpConcurrency()) {
                    shedPosts.incrementAndGet();
                    continue;
                }
                String author = fixture.subjects.get((int) (n % options.authors()));
                UUID channel = fixture.channelIds.get((int) (n % fixture.channelIds.size()));
                post(api, tokens.get(author), channel, n);
            }
            if (issued.get() >= total) {
                vertx.cancelTimer(timer);
                allIssued.countDown();
            }
        });
        allIssued.await(seconds + 60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void post(URI api, String token, UUID channel, long n) {
        inFlight.incrementAndGet();
        Buffer body = Buffer.buffer("{\"channel_id\":\"" + channel + "\",\"content\":\"load message " + n + "\"}");
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(api.getHost()).setPort(api.getPort()).setURI("/api/messages")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json");
        long sent = System.nanoTime();
        http.request(request)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(buffer -> {
                    long now = System.nanoTime();
                    if (response.statusCode() != 201) {
                        failedPosts.incrementAndGet();
                        return null;
                    }
                    posted.incrementAndGet();
                    if (measuring) {
                        synchronized (postLatency) {
                            postLatency.recordValue(now - sent);
                        }
                        acceptedAt.put(buffer.getString(7, 43), now); // {"id":"<36 chars>"
                    }
                    return null;
                }))
                .onComplete(done -> {
                    if (done.failed()) {
                        failedPosts.incrementAndGet();
                    }
                    inFlight.decrementAndGet();
                });
    }

    private void report(long postingNanos, LoadFixture fixture) {
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
        long expectedFrames = posted.get() * options.subscribers() / fixture.channelIds.size();
        System.out.printf("""
                        load: %d authors → %d channels, %d subscribers, target %d msg/s for %.0f s
                        posted: %d accepted (%.1f msg/s), %d failed, %d shed (over %d in flight)
                        POST latency (ms):                  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        delivery latency (ms, 201 → frame): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        frames: %d received (%.0f/s), %d expected, %d without a matching 201
                        """,
                options.authors(), fixture.channelIds.size(), options.subscribers(), options.ratePerSecond(), seconds,
                posted.get(), posted.get() / seconds, failedPosts.get(), shedPosts.get(), options.httpConcurrency(),
                ms(postLatency, 50), ms(postLatency, 90), ms(postLatency, 99), postLatency.getMaxValue() / 1e6,
                ms(delivery, 50), ms(delivery, 90), ms(delivery, 99), delivery.getMaxValue() / 1e6,
                framesReceived.get(), framesReceived.get() / seconds, expectedFrames, unmatched);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
