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
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Drives N authors posting to M channels at a fixed rate while K WebSocket subscribers (spread over the channels
 * and the gateways) receive the events, then prints latency percentiles and throughput. With {@code --gateway-only}
 * the events are published into Redis as the relay publishes them ({@link RedisEventSource}) instead of posted, and
 * latency runs from Redis taking the event to its frame's arrival.
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
    private final AtomicLongArray framesPerGateway;
    private RedisEventSource redisSource;
    private volatile boolean measuring;

    private LoadTool(LoadOptions options) {
        this.options = options;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(options.httpConcurrency())
                .setMaxWebSockets(Math.max(1, options.subscribers()))
                .setKeepAlive(true));
        this.framesPerGateway = new AtomicLongArray(options.gatewayUrls().size());
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
        if (options.gatewayOnly()) {
            redisSource = new RedisEventSource(vertx, options.redisUrl(), fixture.workspaceId);
        }
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
        for (int g = 0; g < framesPerGateway.length(); g++) {
            framesPerGateway.set(g, 0);
        }
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
        fixture.removeFrom(options);
        if (redisSource != null) {
            redisSource.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void openSubscribers(LoadFixture fixture, Map<String, String> tokens) throws InterruptedException {
        CountDownLatch subscribed = new CountDownLatch(options.subscribers());
        for (int i = 0; i < options.subscribers(); i++) {
            int gatewayIndex = i % options.gatewayUrls().size();
            URI gateway = URI.create(options.gatewayUrls().get(gatewayIndex));
            String subject = fixture.subjects.get(i % fixture.subjects.size());
            UUID channel = fixture.channelIds.get(i % fixture.channelIds.size());
            WebSocketConnectOptions connect = new WebSocketConnectOptions()
                    .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI(gateway.getPath())
                    .setAllowOriginHeader(false) // a native client: browsers' Origin is checked against an allow-list
                    .addHeader("Authorization", "Bearer " + tokens.get(subject));
            http.webSocket(connect).onSuccess(socket -> {
                socket.textMessageHandler(text -> onFrame(text, gatewayIndex, subscribed));
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

    private void onFrame(String text, int gatewayIndex, CountDownLatch subscribed) {
        long now = System.nanoTime();
        if (text.startsWith("{\"type\":\"event\"")) {
            if (measuring) {
                framesReceived.incrementAndGet();
                framesPerGateway.incrementAndGet(gatewayIndex);
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
            List<RedisEventSource.Message> tick = new ArrayList<>();
            for (long n = issued.get(); n < due; n = issued.incrementAndGet()) {
                if (inFlight.get() >= options.httpConcurrency()) {
                    shedPosts.incrementAndGet();
                    continue;
                }
                UUID channel = fixture.channelIds.get((int) (n % fixture.channelIds.size()));
                if (redisSource != null) {
                    inFlight.incrementAndGet();
                    tick.add(redisSource.message(channel, n));
                } else {
                    String author = fixture.subjects.get((int) (n % options.authors()));
                    post(api, tokens.get(author), channel, n);
                }
            }
            if (!tick.isEmpty()) {
                publish(tick);
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

    /** Gateway-only: publishes a tick's events into Redis; each counts as accepted once Redis took it. */
    private void publish(List<RedisEventSource.Message> messages) {
        long sent = System.nanoTime();
        redisSource.publish(messages, (published, failure) -> {
            long now = System.nanoTime();
            if (failure != null) {
                failedPosts.addAndGet(published.size());
            } else {
                posted.addAndGet(published.size());
                if (measuring) {
                    synchronized (postLatency) {
                        postLatency.recordValue(now - sent);
                    }
                    published.forEach(message -> acceptedAt.put(message.id(), now));
                }
            }
            inFlight.addAndGet(-published.size());
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
        boolean gatewayOnly = redisSource != null;
        long expectedFrames = posted.get() * options.subscribers() / fixture.channelIds.size();
        System.out.printf("""
                        load: %d authors → %d channels, %d subscribers, target %d msg/s for %.0f s
                        %s: %d accepted (%.1f msg/s), %d failed, %d shed (over %d in flight)
                        %s latency (ms):%s p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        delivery latency (ms, %s → frame): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                        frames: %d received (%.0f/s), %d expected, %d without a matching %s
                        frames per gateway: %s
                        """,
                options.authors(), fixture.channelIds.size(), options.subscribers(), options.ratePerSecond(), seconds,
                gatewayOnly ? "published" : "posted", posted.get(), posted.get() / seconds, failedPosts.get(),
                shedPosts.get(), options.httpConcurrency(),
                gatewayOnly ? "publish" : "POST", gatewayOnly ? "              " : "                 ",
                ms(postLatency, 50), ms(postLatency, 90), ms(postLatency, 99), postLatency.getMaxValue() / 1e6,
                gatewayOnly ? "Redis" : "201", ms(delivery, 50), ms(delivery, 90), ms(delivery, 99),
                delivery.getMaxValue() / 1e6, framesReceived.get(), framesReceived.get() / seconds, expectedFrames,
                unmatched, gatewayOnly ? "publish" : "201", perGateway());
    }

    private String perGateway() {
        List<String> counts = new ArrayList<>();
        for (int g = 0; g < framesPerGateway.length(); g++) {
            counts.add(options.gatewayUrls().get(g) + " " + framesPerGateway.get(g));
        }
        return String.join(", ", counts);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
