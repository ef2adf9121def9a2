package dev.chat.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.relay.publish.RoomPublisher;
import dev.chat.relay.store.PendingEvent;
import io.vertx.mutiny.redis.client.Redis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The gateway-only load's events: {@code message.created} envelopes like the API's, published into Redis by the
 * relay's own {@link RoomPublisher} (its script, frame template, offsets and history), so the gateways receive
 * exactly what they receive in production without the API, PostgreSQL or the relay in the measurement.
 */
final class RedisEventSource implements AutoCloseable {

    private final Redis redis;
    private final RoomPublisher publisher;
    private final UUID workspaceId;
    private final UUID authorId = UUID.randomUUID();
    /** Outbox ids are numbers that grow: these continue past anything a real relay published today. */
    private final AtomicLong nextOutboxId = new AtomicLong(System.currentTimeMillis() * 1000);

    RedisEventSource(io.vertx.core.Vertx vertx, String redisUrl, UUID workspaceId) {
        this.redis = Redis.createClient(io.vertx.mutiny.core.Vertx.newInstance(vertx), redisUrl);
        this.publisher = new RoomPublisher(redis, new ObjectMapper(), 1000, Duration.ofHours(24), Duration.ofHours(1),
                1000);
        this.workspaceId = workspaceId;
    }

    /** A message's id, and the event that announces it to its channel's room. */
    record Message(String id, PendingEvent event) {
    }

    Message message(UUID channel, long n) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String envelope = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"message.created\",\"workspace_id\":\""
                + workspaceId + "\",\"occurred_at\":\"" + now + "\",\"payload\":{\"id\":\"" + id
                + "\",\"channel_id\":\"" + channel + "\",\"conversation_id\":null,\"reply_to_message_id\":null,"
                + "\"content\":\"load message " + n + "\",\"author_id\":\"" + authorId + "\","
                + "\"created_at\":\"" + now + "\",\"edited_at\":null,\"deleted\":false}}";
        return new Message(id, new PendingEvent(nextOutboxId.getAndIncrement(), List.of("channel:" + channel),
                envelope));
    }

    /** Publishes the messages in one pipelined round trip; {@code done} gets them once Redis took them, or failed. */
    void publish(List<Message> messages, BiConsumer<List<Message>, Throwable> done) {
        publisher.publish(messages.stream().map(Message::event).toList()).subscribe().with(
                ok -> done.accept(messages, null), failure -> done.accept(messages, failure));
    }

    @Override
    public void close() {
        redis.close();
    }
}
