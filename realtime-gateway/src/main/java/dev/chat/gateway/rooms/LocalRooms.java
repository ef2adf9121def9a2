package dev.chat.gateway.rooms;

import dev.chat.gateway.redis.RedisRoomFeed;
import jakarta.enterprise.context.ApplicationScoped;
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

    private record Room(Set<RoomMember> members, CompletionStage<Void> subscribedInRedis) {
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
            Room current = existing != null ? existing
                    : new Room(ConcurrentHashMap.newKeySet(), feed.subscribe(name));
            current.members().add(member);
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
            current.members().remove(member);
            if (!current.members().isEmpty()) {
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
     * Writes a frame to every local socket in the room, as received: its epoch and offset are read once for all of
     * them, and the frame is neither parsed nor serialized again.
     */
    void deliver(String room, String frame) {
        Room current = rooms.get(room);
        if (current != null) {
            String epoch = EventFrames.epoch(frame);
            long offset = EventFrames.offset(frame);
            if (LOG.isDebugEnabled()) { // docs/operating.md, "Following one message"
                LOG.debugf("Delivering event %s (%s, offset %d) to %d sockets", EventFrames.eventId(frame), room,
                        offset, current.members().size());
            }
            for (RoomMember member : current.members()) {
                member.send(room, epoch, offset, frame);
            }
        }
    }

    public int roomCount() {
        return rooms.size();
    }
}
