package dev.chat.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client that follows the client's side of docs/protocol.md ("Resuming"): it keeps {@code (epoch, offset)} per
 * room, resubscribes with {@code since} after every reconnect (to the next gateway of its list: elsewhere if it can),
 * drops events already applied, refetches a room over REST on {@code recovered:false}, and reconnects with backoff
 * and full jitter. It counts what the fault tests assert on.
 */
final class ResumingClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ScheduledExecutorService RECONNECTS = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "resuming-client-reconnect");
        thread.setDaemon(true);
        return thread;
    });

    private final List<String> gateways;
    private final String token;
    private final List<String> rooms;
    private final Function<String, Set<String>> refetch;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> messageIds = new ConcurrentHashMap<>();
    private final AtomicInteger gatewayIndex;
    private final AtomicInteger attempt = new AtomicInteger();
    private volatile WebSocket socket;
    private volatile boolean stopped;
    private volatile boolean stalled;
    private java.util.concurrent.CompletableFuture<?> sending = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** Counts connection attempts; only the current attempt's failure or close leads to a reconnect. */
    private final AtomicInteger generation = new AtomicInteger();

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    final AtomicInteger recoveredTrue = new AtomicInteger();
    final AtomicInteger recoveredFalse = new AtomicInteger();
    final AtomicInteger repeatedFrames = new AtomicInteger();
    final AtomicInteger gaps = new AtomicInteger();
    final Map<String, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
    /** The last connection failure, for a test's failure message. */
    volatile String lastFailure;

    private record Position(String epoch, long offset) {
    }

    /**
     * @param refetch a room's message ids as REST returns them now (what a client reloads on {@code recovered:false})
     */
    ResumingClient(List<String> gateways, int firstGateway, String token, List<String> rooms,
                   Function<String, Set<String>> refetch) {
        this.gateways = gateways;
        this.gatewayIndex = new AtomicInteger(firstGateway);
        this.token = token;
        this.rooms = rooms;
        this.refetch = refetch;
        rooms.forEach(room -> messageIds.put(room, ConcurrentHashMap.newKeySet()));
    }

    void start() {
        connect();
    }

    /** The ids of the messages this client holds for a room, from events and refetches. */
    Set<String> messageIds(String room) {
        return messageIds.get(room);
    }

    boolean isConnected() {
        WebSocket current = socket;
        return current != null && !current.isInputClosed();
    }

    /** Drops the connection without a close frame, as a vanished network would, and reconnects as a client does. */
    void abort() {
        WebSocket current = socket;
        int attemptNumber = generation.get();
        if (current != null) {
            current.abort();
        }
        reconnectLater(attemptNumber);
    }

    /**
     * Stops reading for a while, frames and pings alike, as a client whose network vanished without a FIN looks to
     * the gateway; then reads on (and finds the socket closed by the gateway).
     */
    void stall(Duration duration) {
        stalled = true;
        RECONNECTS.schedule(() -> {
            stalled = false;
            WebSocket current = socket;
            if (current != null) {
                current.request(1);
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        String url = gateways.get(Math.floorMod(gatewayIndex.get(), gateways.size()));
        int attemptNumber = generation.get();
        HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener(attemptNumber))
                .whenComplete((opened, failure) -> {
                    if (failure != null) {
                        lastFailure = url + ": " + failure;
                        reconnectLater(attemptNumber);
                        return;
                    }
                    socket = opened;
                    connections.incrementAndGet();
                    for (String room : rooms) {
                        send(opened, room);
                    }
                });
    }

    /** Sends a room's subscribe after the frames before it: a WebSocket takes one send at a time. */
    private synchronized void send(WebSocket target, String room) {
        sending = sending.handle((ok, failure) -> null)
                .thenCompose(ignored -> target.sendText(subscribe(room), true));
    }

    private String subscribe(String room) {
        Position at = positions.get(room);
        if (at == null || at.epoch() == null) {
            return "{\"op\":\"subscribe\",\"room\":\"" + room + "\"}";
        }
        return "{\"op\":\"subscribe\",\"room\":\"" + room + "\",\"since\":{\"epoch\":\"" + at.epoch()
                + "\",\"offset\":" + at.offset() + "}}";
    }

    /** Backoff with full jitter (scaled down for tests: 0 to min(2 s, 100 ms × 2^attempt)), to the next gateway. */
    private void reconnectLater(int attemptNumber) {
        if (stopped || !generation.compareAndSet(attemptNumber, attemptNumber + 1)) {
            return; // already reconnecting after this attempt
        }
        socket = null;
        gatewayIndex.incrementAndGet();
        long cap = Math.min(2_000, 100L << Math.min(attempt.getAndIncrement(), 10));
        RECONNECTS.schedule(this::connect, ThreadLocalRandom.current().nextLong(cap + 1), TimeUnit.MILLISECONDS);
    }

    private synchronized void onFrame(JsonNode frame) {
        String room = frame.path("room").asText();
        switch (frame.path("type").asText()) {
            case "subscribed" -> subscribed(room, frame);
            case "event" -> event(room, frame);
            case "error" -> {
                // unavailable: the gateway could not read the room's position; subscribe again shortly
                if ("unavailable".equals(frame.path("code").asText())) {
                    RECONNECTS.schedule(() -> {
                        WebSocket current = socket;
                        if (current != null) {
                            send(current, room);
                        }
                    }, 200, TimeUnit.MILLISECONDS);
                }
            }
            default -> { }
        }
    }

    private void subscribed(String room, JsonNode frame) {
        attempt.set(0);
        subscriptions.incrementAndGet();
        Position reported = new Position(frame.hasNonNull("epoch") ? frame.path("epoch").asText() : null,
                frame.path("offset").asLong(0));
        if (frame.path("recovered").asBoolean(false)) {
            recoveredTrue.incrementAndGet(); // the replay that follows brings us to the reported offset
            return;
        }
        if (frame.has("recovered")) {
            recoveredFalse.incrementAndGet();
            messageIds.get(room).addAll(refetch.apply(room));
        }
        positions.put(room, reported);
    }

    private void event(String room, JsonNode frame) {
        String epoch = frame.path("epoch").asText();
        long offset = frame.path("offset").asLong();
        Position held = positions.get(room);
        if (held != null && epoch.equals(held.epoch())) {
            if (offset <= held.offset()) {
                repeatedFrames.incrementAndGet();
                return;
            }
            if (offset != held.offset() + 1) {
                gaps.incrementAndGet();
            }
        }
        positions.put(room, new Position(epoch, offset));
        JsonNode event = frame.path("event");
        if ("message.created".equals(event.path("type").asText())) {
            messageIds.get(room).add(event.path("payload").path("id").asText());
        }
    }

    @Override
    public String toString() {
        return "client(connections " + connections + ", subscribed " + subscriptions + ", closes " + closeCodes
                + ", last failure " + lastFailure + ")";
    }

    @Override
    public void close() {
        stopped = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final int attemptNumber;

        Listener(int attemptNumber) {
            this.attemptNumber = attemptNumber;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onFrame(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("not a JSON frame: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCodes.computeIfAbsent(String.valueOf(statusCode), code -> new AtomicInteger()).incrementAndGet();
            reconnectLater(attemptNumber);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCodes.computeIfAbsent("no close frame", code -> new AtomicInteger()).incrementAndGet();
            lastFailure = error.toString();
            reconnectLater(attemptNumber);
        }
    }
}
