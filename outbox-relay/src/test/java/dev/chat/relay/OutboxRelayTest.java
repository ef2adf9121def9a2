package dev.chat.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.RedisRoomKeys;
import dev.chat.model.protocol.ServerFrame;
import dev.chat.relay.store.OutboxRepository;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.Metrics;
import dev.chat.testing.TestData;
import dev.chat.testing.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Redis redis;
    @Inject
    OutboxRepository outbox;
    @TestHTTPResource("/q/metrics")
    URI metricsUri;

    @Test
    void publishesEachEventToItsRoomsInIdOrderWithConsecutiveOffsets() throws Exception {
        String roomA = "channel:" + UUID.randomUUID();
        String roomB = "channel:" + UUID.randomUUID();
        try (RedisRoomSubscriber subscriber = new RedisRoomSubscriber(redis, roomA, roomB)) {
            UUID first = insertEvent(roomA);
            UUID second = insertEvent(roomA, roomB);
            UUID third = insertEvent(roomA);
            TestData.update("NOTIFY outbox_event");

            List<JsonNode> frames = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                frames.add(JSON.readTree(subscriber.next()));
            }
            List<JsonNode> inA = frames.stream().filter(f -> f.path("room").asText().equals(roomA)).toList();
            List<JsonNode> inB = frames.stream().filter(f -> f.path("room").asText().equals(roomB)).toList();

            assertEquals(List.of(first.toString(), second.toString(), third.toString()),
                    inA.stream().map(f -> f.path("event").path("id").asText()).toList());
            assertEquals(List.of(1L, 2L, 3L), inA.stream().map(f -> f.path("offset").asLong()).toList());
            assertEquals(1, inB.size());
            assertEquals(second.toString(), inB.get(0).path("event").path("id").asText());
            assertEquals(1L, inB.get(0).path("offset").asLong());
            for (JsonNode frame : frames) {
                assertEquals(0, PublishedSchemas.violations("event-frame.json", frame).size(), frame.toString());
            }
        }
        awaitTrue(() -> TestData.count("SELECT count(*) FROM outbox WHERE ? = ANY (rooms)",
                roomA) == 0);
        assertEquals(3L, redisLong(Command.XLEN, RedisRoomKeys.history(roomA)));
        assertEquals("3", redisString(Command.GET, RedisRoomKeys.offset(roomA)));
    }

    @Test
    void aPublishedFrameIsTheProtocolsEventRecordAsJacksonRendersIt() throws Exception {
        String room = "channel:" + UUID.randomUUID();
        try (RedisRoomSubscriber subscriber = new RedisRoomSubscriber(redis, room)) {
            UUID eventId = UUID.randomUUID();
            String envelope = envelope(eventId); // a json column keeps its text as written
            insertEvent(eventId, envelope, room);
            TestData.update("NOTIFY outbox_event");
            String frame = subscriber.next();
            String epoch = redisString(Command.GET, RedisRoomKeys.epoch(room));
            assertEquals(JSON.writeValueAsString(new ServerFrame.Event(room, epoch, 1, envelope)), frame);
        }
    }

    @Test
    void historyAndLiveFramesAgree() throws Exception {
        String room = "thread:" + UUID.randomUUID();
        try (RedisRoomSubscriber subscriber = new RedisRoomSubscriber(redis, room)) {
            insertEvent(room);
            TestData.update("NOTIFY outbox_event");
            String live = subscriber.next();
            var history = redis.send(Request.cmd(Command.XRANGE).arg(RedisRoomKeys.history(room)).arg("-").arg("+"))
                    .await().atMost(Duration.ofSeconds(5));
            assertEquals(1, history.size());
            assertEquals("1-0", history.get(0).get(0).toString());
            assertEquals(live, history.get(0).get(1).get(1).toString());
        }
    }

    @Test
    void pollingDrainsABacklogSpanningManyBatchesInIdOrder() throws Exception {
        String room = "channel:" + UUID.randomUUID();
        TestData.update("""
                INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload)
                SELECT gen_random_uuid(), 'message.created', gen_random_uuid(), ARRAY[?],
                       json_build_object('id', gen_random_uuid(), 'type', 'message.created', 'n', n)
                FROM generate_series(1, 5000) AS n
                """, room);
        awaitTrue(() -> TestData.count("SELECT count(*) FROM outbox WHERE ? = ANY (rooms)",
                room) == 0);
        assertEquals("5000", redisString(Command.GET, RedisRoomKeys.offset(room)));
        long kept = redisLong(Command.XLEN, RedisRoomKeys.history(room));
        assertTrue(kept >= 1000 && kept < 5000, "history is capped near 1000 entries, kept " + kept);
        // Batches are claimed ahead while earlier ones publish; the room must still see the rows in id order.
        var history = redis.send(Request.cmd(Command.XRANGE).arg(RedisRoomKeys.history(room)).arg("-").arg("+"))
                .await().atMost(Duration.ofSeconds(5));
        for (int i = 0; i < history.size(); i++) {
            long offset = Long.parseLong(history.get(i).get(0).toString().replace("-0", ""));
            JsonNode frame = JSON.readTree(history.get(i).get(1).get(1).toString());
            assertEquals(offset, frame.path("offset").asLong());
            assertEquals(offset, frame.path("event").path("n").asLong(), "offset " + offset + " carries row n");
        }
    }

    @Test
    void aRedisOutageDelaysEventsButLosesNone() {
        String room = "channel:" + UUID.randomUUID();
        TestInfrastructure infra = TestInfrastructure.get();
        infra.stopRedis();
        try {
            UUID event = insertEvent(room);
            TestData.update("NOTIFY outbox_event");
            awaitTrue(() -> TestData.count("SELECT attempts FROM outbox WHERE event_id = ?", event) > 0);
            assertEquals(1, TestData.count("SELECT count(*) FROM outbox WHERE event_id = ?", event),
                    "the event waits in the table");
            assertTrue(TestData.string("SELECT last_error FROM outbox WHERE event_id = ?", event) != null);
            // What an operator alerts on: the waiting event is counted, and its age grows.
            awaitTrue(() -> metric("chat_outbox_pending_events") >= 1
                    && metric("chat_outbox_oldest_pending_age_seconds") >= 1.0);
            assertTrue(metric("chat_relay_publish_failures_total") >= 1);
        } finally {
            infra.startRedis();
        }
        awaitTrue(() -> TestData.count("SELECT count(*) FROM outbox WHERE ? = ANY (rooms)",
                room) == 0);
        assertEquals("1", redisString(Command.GET, RedisRoomKeys.offset(room)));
    }

    @Test
    void metricsReportLeadershipPublishingAndBatches() {
        double publishedBefore = metric("chat_relay_published_events_total");
        double passesBefore = metric("chat_relay_drain_passes_total");
        String room = "channel:" + UUID.randomUUID();
        insertEvent(room);
        insertEvent(room);
        TestData.update("NOTIFY outbox_event");
        awaitTrue(() -> metric("chat_relay_published_events_total") >= publishedBefore + 2);
        assertEquals(1.0, metric("chat_relay_leader"));
        assertTrue(metric("chat_relay_drain_passes_total") > passesBefore);
        assertTrue(metric("chat_relay_batch_size_count") >= 1);
        assertTrue(metric("chat_relay_drain_late_passes_total") >= 0);
    }

    private double metric(String series) {
        return Metrics.value(metricsUri, series);
    }

    @Test
    void aDroppedListenConnectionIsReopenedAndSignalsWorkAgain() throws Exception {
        String listening = "SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN outbox_event'";
        awaitTrue(() -> TestData.string(listening) != null);
        long droppedPid = Long.parseLong(TestData.string(listening));
        assertEquals("true", TestData.string("SELECT pg_terminate_backend(?)::text", (int) droppedPid));

        String room = "channel:" + UUID.randomUUID();
        try (RedisRoomSubscriber subscriber = new RedisRoomSubscriber(redis, room)) {
            UUID signalledWhileAway = insertEvent(room);
            TestData.update("NOTIFY outbox_event");
            assertEquals(signalledWhileAway.toString(),
                    JSON.readTree(subscriber.next()).path("event").path("id").asText());

            awaitTrue(() -> TestData.count("SELECT count(*) FROM pg_stat_activity WHERE query = "
                    + "'LISTEN outbox_event' AND pid <> ?", (int) droppedPid) == 1);
            UUID signalledAfterwards = insertEvent(room);
            TestData.update("NOTIFY outbox_event");
            assertEquals(signalledAfterwards.toString(),
                    JSON.readTree(subscriber.next()).path("event").path("id").asText());
        }
    }

    @Test
    void rowsAnOlderRelayMarkedPublishedArePurged() {
        UUID marked = UUID.randomUUID();
        // What relays before this one did instead of deleting; the claim skips such a row, so it would stay for ever.
        TestData.update("INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload, published_at) "
                + "VALUES (?, 'message.created', gen_random_uuid(), ARRAY['channel:' || gen_random_uuid()], '{}', now())",
                marked);
        // The relay purges once a minute too, so this call may find the row gone already.
        outbox.purgeMarked().await().atMost(Duration.ofSeconds(10));
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox WHERE event_id = ?", marked));
    }

    private static UUID insertEvent(String... rooms) {
        UUID eventId = UUID.randomUUID();
        insertEvent(eventId, envelope(eventId), rooms);
        return eventId;
    }

    private static void insertEvent(UUID eventId, String envelope, String... rooms) {
        TestData.update("INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload) "
                + "VALUES (?, 'message.created', gen_random_uuid(), ?::text[], ?::json)",
                eventId, "{" + String.join(",", rooms) + "}", envelope);
    }

    private static String envelope(UUID eventId) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"message.created\",\"workspace_id\":\""
                + UUID.randomUUID() + "\",\"occurred_at\":\"" + Instant.now() + "\",\"payload\":{\"id\":\""
                + UUID.randomUUID() + "\",\"channel_id\":\"" + UUID.randomUUID()
                + "\",\"conversation_id\":null,\"reply_to_message_id\":null,\"content\":\"hi\",\"author_id\":\""
                + UUID.randomUUID() + "\",\"created_at\":\"" + Instant.now()
                + "\",\"edited_at\":null,\"deleted\":false}}";
    }

    private String redisString(Command command, String key) {
        var response = redis.send(Request.cmd(command).arg(key)).await().atMost(Duration.ofSeconds(5));
        return response == null ? null : response.toString();
    }

    private long redisLong(Command command, String key) {
        return redis.send(Request.cmd(command).arg(key)).await().atMost(Duration.ofSeconds(5)).toLong();
    }

    static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
