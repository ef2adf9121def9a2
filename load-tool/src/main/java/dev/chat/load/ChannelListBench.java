package dev.chat.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.local.TokenClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.HdrHistogram.Histogram;

/**
 * Measures how long a reader's channel list, with its unread counts, takes through the API, request after request from
 * one client, for each subject given. Usage: ChannelListBench WORKSPACE_ID REQUESTS SUBJECT… (the API and issuer
 * default to the local run's).
 */
public final class ChannelListBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI list;
    private final String token;

    private ChannelListBench(URI list, String token) {
        this.list = list;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ChannelListBench WORKSPACE_ID REQUESTS SUBJECT...");
            System.exit(2);
        }
        String api = System.getProperty("api", "http://127.0.0.1:8080");
        String issuer = System.getProperty("issuer", "http://127.0.0.1:8090/local");
        URI list = URI.create(api + "/api/workspaces/" + args[0] + "/channels");
        int requests = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            ChannelListBench bench = new ChannelListBench(list, TokenClient.accessToken(issuer, args[i]));
            bench.run(requests / 5, new Histogram(3)); // warm-up: JIT, connection pools, caches
            Histogram latencies = new Histogram(3);
            JsonNode last = bench.run(requests, latencies);
            TimelineBench.print("channel list of " + args[i], latencies);
            describe(last);
        }
    }

    private JsonNode run(int times, Histogram latencies) throws Exception {
        JsonNode answer = null;
        for (int i = 0; i < times; i++) {
            HttpRequest request = HttpRequest.newBuilder(list).header("Authorization", "Bearer " + token).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.recordValue((System.nanoTime() - start) / 1_000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + list + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            answer = JSON.readTree(response.body());
        }
        return answer;
    }

    /** What the answer held: how many channels, how many counted, and the counts of the longest one. */
    private static void describe(JsonNode channels) {
        int member = 0;
        int atBound = 0;
        long unread = 0;
        for (JsonNode channel : channels) {
            if (channel.path("member").asBoolean()) {
                member++;
                unread += channel.path("unread_count").asInt();
                atBound += channel.path("unread_count").asInt() >= 100 ? 1 : 0;
            }
            if ("bench-timeline".equals(channel.path("slug").asText()) && channel.path("member").asBoolean()) {
                System.out.printf("    bench-timeline: unread_count %d, mention_count %d%n",
                        channel.path("unread_count").asInt(), channel.path("mention_count").asInt());
            }
        }
        System.out.printf("    %d channels listed, %d of them counted (member), %d at the bound of 100, %d unread in all%n",
                channels.size(), member, atBound, unread);
    }
}
