package dev.chat.gateway;

import dev.chat.gateway.redis.RedisRoomFeed;
import dev.chat.gateway.rooms.LocalRooms;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Redis subscriber connection is up: without it, no event would reach this gateway's sockets. */
@Readiness
@ApplicationScoped
public class GatewayHealth implements HealthCheck {

    private final RedisRoomFeed feed;
    private final LocalRooms rooms;

    public GatewayHealth(RedisRoomFeed feed, LocalRooms rooms) {
        this.feed = feed;
        this.rooms = rooms;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-room-feed").status(feed.isConnected())
                .withData("rooms", rooms.roomCount()).build();
    }
}
