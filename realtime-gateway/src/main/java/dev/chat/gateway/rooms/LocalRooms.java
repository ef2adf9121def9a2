package dev.chat.gateway.rooms;

import dev.chat.gateway.redis.RedisRoomFeed;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Which local sockets hold which rooms. The first local subscriber of a room subscribes the gateway to it in Redis;
 * the last one to leave unsubscribes it, so a gateway only receives the rooms its own clients hold.
 */
@ApplicationScoped
public class LocalRooms {

    private static final Logger LOG = Logger.getLogger(LocalRooms.class);

    /** A room's members grouped by the event loop they live on, so that a frame is handed to each loop once. */
    private record Room(Map<Context, Set<RoomMember>> membersByLoop, CompletionStage<Void> subscribedInRedis) {

        void add(RoomMember member) {
            membersByLoop.computeIfAbsent(member.context(), loop -> ConcurrentHashMap.newKeySet()).add(member);
        }

        void remove(RoomMember member) {
            membersByLoop.computeIfPresent(member.context(), (loop, members) -> {
                members.remove(member);
                return members.isEmpty() ? null : members;
            });
        }
    }

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final RedisRoomFeed feed;

    public LocalRooms(RedisRoomFeed feed) {
        this.feed = feed;
        feed.onFrame(this::deliver);
    }

    /**
     * Adds a socket to a room. Completes once the gateway's Redis subscription to the room is active, so that no
     * event published afterwards can be missed; fails (and leaves the socket out) when Redis could not subscribe.
     */
    public CompletionStage<Void> join(String room, RoomMember member) {
        Room joined = rooms.compute(room, (name, existing) -> {
            Room current = existing != null ? existing : new Room(new ConcurrentHashMap<>(), feed.subscribe(name));
            current.add(member);
            return current;
        });
        return joined.subscribedInRedis().whenComplete((ok, failure) -> {
            if (failure != null) {
                leave(room, member);
            }
        });
    }

    public void leave(String room, RoomMember member) {
        rooms.computeIfPresent(room, (name, current) -> {
            current.remove(member);
            if (!current.membersByLoop().isEmpty()) {
                return current;
            }
            feed.unsubscribe(name).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.debugf("Unsubscribing %s from Redis failed: %s", name, failure.getMessage());
                }
            });
            return null;
        });
    }

    /**
     * Hands a frame to every local socket in the room: read and encoded once for all of them, then one task per event
     * loop writes it to that loop's sockets.
     */
    void deliver(String room, String text) {
        Room current = rooms.get(room);
        if (current == null) {
            return;
        }
        RoomFrame frame = RoomFrame.of(room, text);
        if (LOG.isDebugEnabled()) { // docs/operating.md, "Following one message"
            LOG.debugf("Delivering event %s (%s, offset %d) to %d sockets", EventFrames.eventId(text), room,
                    frame.offset(), current.membersByLoop().values().stream().mapToInt(Set::size).sum());
        }
        current.membersByLoop().forEach((loop, members) -> loop.runOnContext(ignored -> {
            for (RoomMember member : members) {
                member.send(frame);
            }
        }));
    }

    public int roomCount() {
        return rooms.size();
    }
}
