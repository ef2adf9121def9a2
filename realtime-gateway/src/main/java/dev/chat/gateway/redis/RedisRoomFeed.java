package dev.chat.gateway.redis;

import dev.chat.model.RedisRoomKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * The gateway's one Redis subscriber connection. It is subscribed to exactly the rooms that have local subscribers;
 * every frame pushed for a room goes to the {@link #onFrame(BiConsumer) frame handler}. When the connection is lost
 * the {@link #onLost(Runnable) loss handler} is told (frames published meanwhile never reach this gateway; the gateway
 * closes its sockets so their clients resume), and it reconnects with backoff and subscribes again to every room still
 * wanted: rooms whose sockets have not finished closing yet, whose entries a new socket may join meanwhile.
 */
@ApplicationScoped
public class RedisRoomFeed {

    private static final Logger LOG = Logger.getLogger(RedisRoomFeed.class);
    private static final String CHANNEL_PREFIX = RedisRoomKeys.channel("");
    private static final long MAX_RECONNECT_DELAY_MS = 5_000;

    private final Redis redis;
    private final Vertx vertx;
    private final Set<String> wantedRooms = ConcurrentHashMap.newKeySet();
    private volatile RedisConnection connection;
    private volatile BiConsumer<String, String> frameHandler = (room, frame) -> { };
    private volatile Runnable lossHandler = () -> { };
    private volatile boolean stopped;
    private long reconnectDelayMs = 100;

    public RedisRoomFeed(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        connect();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Where frames go: {@code (room, frame text)}. Called on a Redis event-loop thread; must not block. */
    public void onFrame(BiConsumer<String, String> handler) {
        this.frameHandler = handler;
    }

    /** Told when the subscriber connection is lost, on a Redis event-loop thread; must not block. */
    public void onLost(Runnable handler) {
        this.lossHandler = handler;
    }

    public boolean isConnected() {
        return connection != null;
    }

    /** Subscribes to a room's channel; completes when Redis confirmed, fails when Redis is unreachable. */
    public CompletionStage<Void> subscribe(String room) {
        wantedRooms.add(room);
        return send(Command.SUBSCRIBE, room);
    }

    public CompletionStage<Void> unsubscribe(String room) {
        wantedRooms.remove(room);
        return send(Command.UNSUBSCRIBE, room);
    }

    private CompletionStage<Void> send(Command command, String room) {
        RedisConnection current = connection;
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis is not connected"));
        }
        return current.send(Request.cmd(command).arg(RedisRoomKeys.channel(room)))
                .replaceWithVoid().subscribeAsCompletionStage();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        redis.connect().subscribe().with(this::connected, failure -> {
            LOG.warnf("Redis subscriber connection failed: %s; retrying in %d ms", failure.getMessage(),
                    reconnectDelayMs);
            scheduleReconnect();
        });
    }

    private void connected(RedisConnection opened) {
        opened.handler(this::onPush);
        opened.exceptionHandler(failure -> LOG.warnf("Redis subscriber connection error: %s", failure.getMessage()));
        opened.endHandler(() -> {
            if (connection == opened) {
                connection = null;
                LOG.warn("Redis subscriber connection lost; reconnecting");
                lossHandler.run();
                scheduleReconnect();
            }
        });
        if (!wantedRooms.isEmpty()) {
            Request resubscribe = Request.cmd(Command.SUBSCRIBE);
            wantedRooms.forEach(room -> resubscribe.arg(RedisRoomKeys.channel(room)));
            opened.send(resubscribe).subscribe().with(ok -> { }, failure ->
                    LOG.warnf("Re-subscribing %d rooms failed: %s", wantedRooms.size(), failure.getMessage()));
        }
        connection = opened;
        reconnectDelayMs = 100;
        LOG.infof("Redis subscriber connected (%d rooms)", wantedRooms.size());
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        long delay = reconnectDelayMs;
        reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, reconnectDelayMs * 2);
        vertx.setTimer(delay, id -> connect());
    }

    private void onPush(Response push) {
        // A pub/sub message is ["message", channel, payload]; subscribe confirmations are answered to send().
        if (push.size() == 3 && "message".equals(push.get(0).toString())) {
            String channel = push.get(1).toString();
            if (channel.startsWith(CHANNEL_PREFIX)) {
                frameHandler.accept(channel.substring(CHANNEL_PREFIX.length()), push.get(2).toString());
            }
        }
    }
}
