package dev.chat.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Command-line options of the load tool; every one has a default matching the local run. */
record LoadOptions(String apiUrl, List<String> gatewayUrls, String issuerUrl, String jdbcUrl, String dbUser,
                   int authors, int channels, int subscribers, int ratePerSecond, Duration duration,
                   Duration warmup, int httpConcurrency, boolean gatewayOnly, String redisUrl,
                   UUID workspaceId) {

    static final String USAGE = """
            usage: load-tool [--api URL] [--ws URL[,URL…]] [--issuer URL] [--jdbc URL] [--db-user USER]
                             [--authors N] [--channels M] [--subscribers K] [--rate MSGS_PER_S]
                             [--duration SECONDS] [--warmup SECONDS] [--http-concurrency C]
                             [--gateway-only [--redis URL]] [--workspace ID]
            Defaults: the local run (./run) on this machine, 10 authors, 50 channels, 200 subscribers, 100 msg/s, 30 s.
            --gateway-only: no POSTs; events are published into Redis (--redis) as the relay publishes them, so the
            gateways are measured alone. Several --ws URLs (even of other gateways) share the sockets round-robin.
            --workspace: the load's channels and users are made in this existing workspace instead of a new one.
            """;

    static LoadOptions parse(String[] args) {
        String api = "http://127.0.0.1:8080";
        List<String> ws = List.of("ws://127.0.0.1:8081/ws");
        String issuer = "http://127.0.0.1:8090/local";
        String jdbc = "jdbc:postgresql://127.0.0.1:15432/chat";
        String dbUser = "postgres";
        int authors = 10;
        int channels = 50;
        int subscribers = 200;
        int rate = 100;
        int seconds = 30;
        int warmup = 5;
        int concurrency = 64;
        boolean gatewayOnly = false;
        String redis = "redis://127.0.0.1:16379";
        UUID workspace = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--gateway-only")) {
                gatewayOnly = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("missing value for " + args[i] + "\n" + USAGE);
            }
            switch (args[i]) {
                case "--api" -> api = value;
                case "--ws" -> ws = List.of(value.split(","));
                case "--issuer" -> issuer = value;
                case "--jdbc" -> jdbc = value;
                case "--db-user" -> dbUser = value;
                case "--authors" -> authors = Integer.parseInt(value);
                case "--channels" -> channels = Integer.parseInt(value);
                case "--subscribers" -> subscribers = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--duration" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--http-concurrency" -> concurrency = Integer.parseInt(value);
                case "--redis" -> redis = value;
                case "--workspace" -> workspace = UUID.fromString(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        return new LoadOptions(api, new ArrayList<>(ws), issuer, jdbc, dbUser, authors, channels, subscribers, rate,
                Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), concurrency, gatewayOnly, redis,
                workspace);
    }
}
