package dev.chat.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.RedisRoomKeys;
import dev.chat.relay.publish.RoomPublisher;
import dev.chat.relay.store.PendingEvent;
import dev.chat.testing.ChatTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the publish script keeps per room: one offset per event however often it is sent, bounded history, expiry. */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class RoomPublisherTest {

    @Inject
    Redis redis;
    @Inject
    ObjectMapper json;

    String room = "channel:" + UUID.randomUUID();

    @Test
    void aBatchPublishedAgainAfterACrashGivesNoEventASecondOffset() throws Exception {
        RoomPublisher publisher = publisher(Duration.ofHours(1), Duration.ofDays(1));
        List<PendingEvent> batch = List.of(event(10), event(11));
        try (RedisRoomSubscriber subscriber = new RedisRoomSubscriber(redis, room)) {
            publish(publisher, batch);
            // The relay died before deleting the rows: the next leader claims and publishes the same batch.
            publish(publisher, batch);
            publish(publisher, List.of(event(12)));
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                offsets.add(json.readTree(subscriber.next()).path("offset").asLong());
            }
            assertEquals(List.of(1L, 2L, 3L), offsets);
            Thread.sleep(200);
            assertEquals(List.of(), subscriber.drained(), "no event was published twice");
        }
        assertEquals("3", call(Request.cmd(Command.GET).arg(RedisRoomKeys.offset(room))).toString());
        assertEquals(List.of("1-0", "2-0", "3-0"), historyIds());
    }

    @Test
    void aBatchOfManyCallsKeepsEachRoomsOrderAndIsIdempotentAcrossCalls() throws Exception {
        RoomPublisher publisher = publisher(Duration.ofHours(1), Duration.ofDays(1));
        List<String> rooms = List.of(room, "channel:" + UUID.randomUUID(), "thread:" + UUID.randomUUID());
        // 700 events (three script calls), each in one room, every fifth also in a second one.
        List<PendingEvent> batch = new ArrayList<>();
        Map<String, List<String>> expected = new HashMap<>();
        for (long id = 1; id <= 700; id++) {
            List<String> eventRooms = id % 5 == 0 ? List.of(rooms.get((int) (id % 3)), rooms.get((int) ((id + 1) % 3)))
                    : List.of(rooms.get((int) (id % 3)));
            String eventId = UUID.randomUUID().toString();
            batch.add(new PendingEvent(id, eventRooms, "{\"id\":\"" + eventId + "\",\"type\":\"message.created\"}"));
            eventRooms.forEach(r -> expected.computeIfAbsent(r, k -> new ArrayList<>()).add(eventId));
        }
        publish(publisher, batch.subList(0, 400));
        publish(publisher, batch.subList(200, 700)); // a new leader publishes the overlap again, on other call bounds
        for (String r : rooms) {
            List<String> ids = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (Response entry : call(Request.cmd(Command.XRANGE).arg(RedisRoomKeys.history(r)).arg("-").arg("+"))) {
                JsonNode frame = json.readTree(entry.get(1).get(1).toString());
                ids.add(frame.path("event").path("id").asText());
                offsets.add(frame.path("offset").asLong());
            }
            assertEquals(expected.get(r), ids, r + " has every event once, in outbox id order");
            assertEquals(LongStream.rangeClosed(1, ids.size()).boxed().toList(), offsets, r + "'s offsets");
            assertEquals(String.valueOf(ids.size()), call(Request.cmd(Command.GET).arg(RedisRoomKeys.offset(r))).toString());
        }
    }

    @Test
    void anEventCommittedLateWithALowerIdIsStillPublished() throws Exception {
        RoomPublisher publisher = publisher(Duration.ofHours(1), Duration.ofDays(1));
        // Outbox ids are taken when rows are inserted, not when they commit: 21 committed after 22 was published.
        publish(publisher, List.of(event(20), event(22)));
        publish(publisher, List.of(event(21)));
        publish(publisher, List.of(event(21), event(22))); // and a crash republished both
        assertEquals("3", call(Request.cmd(Command.GET).arg(RedisRoomKeys.offset(room))).toString());
        assertEquals(List.of("1-0", "2-0", "3-0"), historyIds());
    }

    @Test
    void historyIsBoundedByAge() throws Exception {
        RoomPublisher publisher = publisher(Duration.ofMillis(300), Duration.ofDays(1));
        List<PendingEvent> old = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            old.add(event(id));
        }
        publish(publisher, old);
        Thread.sleep(500);
        List<PendingEvent> recent = new ArrayList<>();
        for (long id = 11; id <= 16; id++) {
            recent.add(event(id));
        }
        publish(publisher, recent); // the 16th event trims
        assertEquals(List.of("11-0", "12-0", "13-0", "14-0", "15-0", "16-0"), historyIds(),
                "the entries older than 300 ms are gone");
    }

    @Test
    void anIdleRoomsKeysExpireTogetherAndItsNextEventStartsANewEpoch() throws Exception {
        RoomPublisher publisher = publisher(Duration.ofHours(1), Duration.ofMillis(400));
        publish(publisher, List.of(event(1)));
        for (String key : List.of(RedisRoomKeys.epoch(room), RedisRoomKeys.offset(room), RedisRoomKeys.history(room),
                RedisRoomKeys.published(room))) {
            long ttl = call(Request.cmd(Command.PTTL).arg(key)).toLong();
            assertTrue(ttl > 0 && ttl <= 400, key + " expires with the room: " + ttl);
        }
        String firstEpoch = call(Request.cmd(Command.GET).arg(RedisRoomKeys.epoch(room))).toString();
        Thread.sleep(700);
        assertEquals(0, call(Request.cmd(Command.EXISTS).arg(RedisRoomKeys.epoch(room))
                .arg(RedisRoomKeys.offset(room)).arg(RedisRoomKeys.history(room))
                .arg(RedisRoomKeys.published(room))).toInteger());
        publish(publisher, List.of(event(2)));
        assertNotEquals(firstEpoch, call(Request.cmd(Command.GET).arg(RedisRoomKeys.epoch(room))).toString());
        assertEquals("1", call(Request.cmd(Command.GET).arg(RedisRoomKeys.offset(room))).toString());
    }

    private RoomPublisher publisher(Duration historyAge, Duration idleExpiry) {
        return new RoomPublisher(redis, json, 1000, historyAge, idleExpiry, 1000);
    }

    private PendingEvent event(long outboxId) {
        return new PendingEvent(outboxId, List.of(room), "{\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"message.created\"}");
    }

    private static void publish(RoomPublisher publisher, List<PendingEvent> batch) {
        publisher.publish(batch).await().atMost(Duration.ofSeconds(10));
    }

    private List<String> historyIds() {
        List<String> ids = new ArrayList<>();
        for (Response entry : call(Request.cmd(Command.XRANGE).arg(RedisRoomKeys.history(room)).arg("-").arg("+"))) {
            ids.add(entry.get(0).toString());
        }
        return ids;
    }

    private Response call(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
    }
}
