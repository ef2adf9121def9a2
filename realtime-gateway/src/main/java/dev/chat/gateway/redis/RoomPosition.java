package dev.chat.gateway.redis;

import dev.chat.model.RedisRoomKeys;
import dev.chat.model.protocol.ClientFrame;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's position (epoch and last offset) as the relay keeps it, and what a client that saw the room up to an
 * earlier position missed, from the room's history (docs/decisions/0004-room-offsets-epochs-history.md).
 */
@ApplicationScoped
public class RoomPosition {

    /** Both null for a room that has had no event yet. */
    public record Position(String epoch, Long offset) {

        /** The last offset, 0 for a room without events (offsets start at 1). */
        public long last() {
            return offset == null ? 0 : offset;
        }
    }

    /**
     * The answer to a subscription: the position now, whether the client's own position was recovered, and if so the
     * frames it missed, in offset order (none when it missed nothing).
     */
    public record Resumption(Position position, boolean recovered, List<String> missed) {
    }

    private final Redis redis;

    public RoomPosition(Redis redis) {
        this.redis = redis;
    }

    private Uni<Position> of(String room) {
        return redis.send(Request.cmd(Command.MGET).arg(RedisRoomKeys.epoch(room)).arg(RedisRoomKeys.offset(room)))
                .map(values -> new Position(text(values.get(0)), number(values.get(1))));
    }

    /**
     * Recovered when the epoch is the client's, its offset is not ahead of the room's, and every event after it is
     * still in the history and at most {@code maxReplay} of them: a new epoch means the history was lost, and a
     * history that no longer starts right after the client's offset has a gap. Otherwise the client refetches.
     */
    public Uni<Resumption> resume(String room, ClientFrame.Since since, int maxReplay) {
        return of(room).chain(position -> {
            long missed = position.last() - (since == null ? 0 : since.offset());
            if (since == null || position.epoch() == null || !position.epoch().equals(since.epoch())
                    || since.offset() < 0 || missed < 0 || missed > maxReplay) {
                return Uni.createFrom().item(new Resumption(position, false, List.of()));
            }
            if (missed == 0) {
                return Uni.createFrom().item(new Resumption(position, true, List.of()));
            }
            return history(room, since.offset() + 1, position.last()).map(frames -> frames.size() == missed
                    ? new Resumption(position, true, frames) : new Resumption(position, false, List.of()));
        });
    }

    /** The frames of offsets first..last still in the history, in order, as long as they run without a gap from first. */
    private Uni<List<String>> history(String room, long first, long last) {
        return redis.send(Request.cmd(Command.XRANGE).arg(RedisRoomKeys.history(room)).arg(first + "-0")
                .arg(last + "-0")).map(entries -> {
                    List<String> frames = new ArrayList<>();
                    long expected = first;
                    for (Response entry : entries) {
                        if (!entry.get(0).toString().equals(expected + "-0")) {
                            break;
                        }
                        frames.add(entry.get(1).get(1).toString());
                        expected++;
                    }
                    return frames;
                });
    }

    private static String text(Response value) {
        return value == null ? null : value.toString();
    }

    private static Long number(Response value) {
        return value == null ? null : value.toLong();
    }
}
