package dev.chat.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.local.TokenClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Measures how long one channel timeline page takes through the API, request after request from one client:
 * the newest page again and again, then a walk down the channel following {@code next_cursor}.
 * Usage: TimelineBench CHANNEL_ID [REQUESTS] (the API, issuer and user default to the local run's); or, under load,
 * TimelineBench CHANNEL_ID --readers N [--duration S] ({@link TimelineUnderLoad}).
 */
public final class TimelineBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api = System.getProperty("api", "http://127.0.0.1:8080");
    private final String token;
    private final UUID channel;

    private TimelineBench(UUID channel, String token) {
        this.channel = channel;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: timeline-bench CHANNEL_ID [REQUESTS]");
            System.exit(2);
        }
        String issuer = System.getProperty("issuer", "http://127.0.0.1:8090/local");
        String subject = System.getProperty("subject", "alice@example.com");
        if (args.length > 1 && args[1].startsWith("--")) {
            TimelineUnderLoad.run(System.getProperty("api", "http://127.0.0.1:8080"), UUID.fromString(args[0]),
                    TokenClient.accessToken(issuer, subject), java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        TimelineBench bench = new TimelineBench(UUID.fromString(args[0]), TokenClient.accessToken(issuer, subject));

        bench.newestPage(requests / 4, new Histogram(3)); // warm-up: JIT, connection pools, caches
        Histogram newest = new Histogram(3);
        bench.newestPage(requests, newest);
        Histogram walk = new Histogram(3);
        int pages = bench.walk(requests, walk);
        print("newest page, 50 items", newest);
        print("walking down (" + pages + " pages, " + pages * 50 + " items deep)", walk);
    }

    private void newestPage(int times, Histogram latencies) throws Exception {
        for (int i = 0; i < times; i++) {
            fetch(null, latencies);
        }
    }

    private int walk(int maxPages, Histogram latencies) throws Exception {
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = fetch(cursor, latencies);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < maxPages);
        return pages;
    }

    private JsonNode fetch(String cursor, Histogram latencies) throws Exception {
        String query = "?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/channels/" + channel + "/messages" + query))
                .header("Authorization", "Bearer " + token).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        latencies.recordValue((System.nanoTime() - start) / 1_000);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode page = JSON.readTree(response.body());
        if (page.path("items").size() != 50 && !page.path("next_cursor").isNull()) {
            throw new IllegalStateException("a page that is not the last holds " + page.path("items").size());
        }
        return page;
    }

    static void print(String what, Histogram h) {
        System.out.printf("%-45s n=%d  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
