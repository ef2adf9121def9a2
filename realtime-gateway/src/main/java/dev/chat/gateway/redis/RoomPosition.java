package dev.chat.gateway.redis;

import dev.chat.model.RedisRoomKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a room's current epoch and last offset, as the relay keeps them. */
@ApplicationScoped
public class RoomPosition {

    /** Both null for a room that has had no event yet. */
    public record Position(String epoch, Long offset) {
    }

    private final Redis redis;

    public RoomPosition(Redis redis) {
        this.redis = redis;
    }

    public Uni<Position> of(String room) {
        return redis.send(Request.cmd(Command.MGET).arg(RedisRoomKeys.epoch(room)).arg(RedisRoomKeys.offset(room)))
                .map(values -> new Position(text(values.get(0)), number(values.get(1))));
    }

    private static String text(Response value) {
        return value == null ? null : value.toString();
    }

    private static Long number(Response value) {
        return value == null ? null : value.toLong();
    }
}
