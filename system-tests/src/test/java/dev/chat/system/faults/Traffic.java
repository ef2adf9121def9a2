package dev.chat.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages posted at a steady rate, round robin over channels and authors, as clients post them: each with a
 * {@code client_msg_id}, sent again with the same id after a 503 or a broken connection until it is acknowledged.
 * Only acknowledged messages count: they are what no fault may lose.
 */
final class Traffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration RETRY = Duration.ofMillis(250);

    private final String apiUrl;
    private final List<UUID> channels;
    private final List<String> authorTokens;
    private final int ratePerSecond;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Map<UUID, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unavailableAnswers = new AtomicInteger();
    final AtomicInteger brokenConnections = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private ScheduledFuture<?> posting;
    private volatile long lastAcknowledgedNanos;

    Traffic(String apiUrl, List<UUID> channels, List<String> authorTokens, int ratePerSecond) {
        this.apiUrl = apiUrl;
        this.channels = channels;
        this.authorTokens = authorTokens;
        this.ratePerSecond = ratePerSecond;
        channels.forEach(channel -> acknowledged.put(channel, ConcurrentHashMap.newKeySet()));
    }

    void start() {
        posting = timer.scheduleAtFixedRate(this::postNext, 0, 1_000_000 / ratePerSecond, TimeUnit.MICROSECONDS);
    }

    /** Stops posting new messages and waits until every one sent is acknowledged. */
    void stopAndSettle(Duration timeout) throws InterruptedException {
        posting.cancel(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (inFlight.get() > 0) {
            throw new AssertionError(inFlight.get() + " messages still unacknowledged after " + timeout);
        }
    }

    Set<String> acknowledged(UUID channel) {
        return acknowledged.get(channel);
    }

    int acknowledgedCount() {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }

    long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos;
    }

    private void postNext() {
        int n = sent.getAndIncrement();
        UUID channel = channels.get(n % channels.size());
        String token = authorTokens.get(n % authorTokens.size());
        inFlight.incrementAndGet();
        post(channel, token, UUID.randomUUID().toString(), "message " + n);
    }

    private void post(UUID channel, String token, String clientMsgId, String content) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("channel_id", channel.toString(), "content", content,
                    "client_msg_id", clientMsgId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/messages"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure == null && (response.statusCode() == 201 || response.statusCode() == 200)) {
                acknowledged.get(channel).add(id(response.body()));
                lastAcknowledgedNanos = System.nanoTime();
                inFlight.decrementAndGet();
            } else if (failure == null && response.statusCode() < 500) {
                refused.incrementAndGet(); // a bug, not a fault: reported and asserted on
                inFlight.decrementAndGet();
            } else {
                (failure == null ? unavailableAnswers : brokenConnections).incrementAndGet();
                timer.schedule(() -> post(channel, token, clientMsgId, content), RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Every message id of a channel as REST answers it now, page by page; retried while the API is unavailable. */
    Set<String> refetch(UUID channel, String token) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String url = apiUrl + "/api/channels/" + channel + "/messages?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = getWithRetries(url, token);
            page.path("items").forEach(item -> ids.add(item.path("id").asText()));
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private static JsonNode getWithRetries(String url, String token) {
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                if (response.statusCode() < 500) {
                    throw new AssertionError("GET " + url + " answered " + response.statusCode() + response.body());
                }
            } catch (java.io.IOException e) {
                // unavailable for now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("GET " + url + " never succeeded");
    }

    private static String id(String body) {
        try {
            return JSON.readTree(body).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
