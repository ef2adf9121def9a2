package dev.chat.relay;

import dev.chat.model.RedisRoomKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Listens to rooms' pub/sub channels like a gateway does, collecting the frames the relay publishes. */
final class RedisRoomSubscriber implements AutoCloseable {

    private final RedisConnection connection;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    RedisRoomSubscriber(Redis redis, String... rooms) {
        connection = redis.connect().await().atMost(Duration.ofSeconds(10));
        connection.handler(this::onPush);
        for (String room : rooms) {
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(RedisRoomKeys.channel(room)))
                    .await().atMost(Duration.ofSeconds(10));
        }
    }

    private void onPush(Response push) {
        if (push.size() == 3 && "message".equals(push.get(0).toString())) {
            frames.add(push.get(2).toString());
        }
    }

    String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    List<String> drained() {
        List<String> rest = new java.util.ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        connection.close().await().atMost(Duration.ofSeconds(5));
    }
}
