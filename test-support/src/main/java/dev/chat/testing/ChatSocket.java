package dev.chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the gateway as a native app would be: bearer token in the upgrade's Authorization header,
 * JSON frames in, every received frame kept in order for assertions.
 */
public final class ChatSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private ChatSocket(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Collector()).join();
    }

    public static ChatSocket connect(String wsUrl, String token) {
        return new ChatSocket(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10)), URI.create(wsUrl));
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void subscribe(String room) {
        send("{\"op\":\"subscribe\",\"room\":\"" + room + "\"}");
    }

    /** Subscribes and waits for the answer: a {@code subscribed} or an {@code error} frame for that room. */
    public JsonNode subscribeAndAwait(String room) {
        subscribe(room);
        return nextMatching(f -> room.equals(f.path("room").asText())
                && ("subscribed".equals(f.path("type").asText()) || "error".equals(f.path("type").asText())));
    }

    /** The next frame, waiting up to 10 s. */
    public JsonNode next() {
        return poll(Duration.ofSeconds(10));
    }

    /** The next frame, waiting up to 10 s; a failure names what was awaited and whether the socket had closed. */
    public JsonNode next(String awaited) {
        try {
            return next();
        } catch (AssertionError e) {
            String state = closed.isDone() ? "closed: " + closed.handle((reason, error) -> reason != null ? reason
                    : String.valueOf(error)).join() : "open";
            throw new AssertionError(e.getMessage() + " awaiting " + awaited + " (socket " + state + ")", e);
        }
    }

    public JsonNode nextMatching(java.util.function.Predicate<JsonNode> wanted) {
        while (true) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The next frame within {@code wait}; fails when none came. */
    public JsonNode poll(Duration wait) {
        try {
            JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + wait);
            }
            return published(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every frame received so far and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> rest = new ArrayList<>();
        frames.drainTo(rest);
        rest.forEach(ChatSocket::published);
        return rest;
    }

    /**
     * Every frame a test takes is one server-frame.json describes: the contract clients generate their types from.
     * Event frames carry what was published to Redis, which gateway tests make up; the events services emit are
     * checked against event.json where they are written (EmittedEventsTest) and end to end (system tests).
     */
    private static JsonNode published(JsonNode frame) {
        if ("event".equals(frame.path("type").asText())) {
            return frame;
        }
        var violations = PublishedSchemas.violations("server-frame.json", frame);
        if (!violations.isEmpty()) {
            throw new AssertionError("the gateway sent a frame outside server-frame.json: " + violations + "\n" + frame);
        }
        return frame;
    }

    public CompletableFuture<String> closedReason() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("the gateway sent a frame that is not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
