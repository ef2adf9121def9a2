package dev.chat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.model.RedisRoomKeys;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Metrics;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribing with {@code since}: exactly the events missed, in order, then live ones with no gap and no repeat; or
 * {@code recovered:false} whenever that cannot be promised (docs/protocol.md, "Resuming"). Redis is written here as
 * the relay writes it: the room's epoch and offset, its history entry, then the PUBLISH.
 */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class ResumeTest {

    @TestHTTPResource("/ws")
    URI wsUri;
    @TestHTTPResource("/q/metrics")
    URI metricsUri;
    @Inject
    Redis redis;

    String room;
    String token;

    @BeforeEach
    void setUp() {
        UUID workspace = TestData.workspace();
        room = "channel:" + TestData.channel(workspace, "general", "public");
        String subject = TestData.newSubject("rae");
        TestData.activeMember(workspace, TestData.user(subject), "member");
        token = Tokens.forSubject(subject);
    }

    @Test
    void aResumedSubscriptionGetsExactlyWhatItMissedThenLiveFrames() {
        for (long offset = 1; offset <= 5; offset++) {
            publish("e9", offset);
        }
        try (ChatSocket socket = connect()) {
            JsonNode subscribed = resume(socket, "e9", 2);
            assertEquals("subscribed", subscribed.path("type").asText());
            assertTrue(subscribed.path("recovered").asBoolean(), subscribed.toString());
            assertEquals("e9", subscribed.path("epoch").asText());
            assertEquals(5, subscribed.path("offset").asLong());
            assertEquals(List.of(3L, 4L, 5L), offsets(socket, 3));

            // A live frame the subscription already accounted for (it reached this gateway late) is not repeated.
            redisCall(Request.cmd(Command.PUBLISH).arg(RedisRoomKeys.channel(room)).arg(frame("e9", 5)));
            publish("e9", 6);
            assertEquals(List.of(6L), offsets(socket, 1));
            assertEquals(List.of(), socket.drain());
        }
    }

    @Test
    void aClientThatMissedNothingIsRecoveredWithNoReplay() {
        publish("e9", 1);
        try (ChatSocket socket = connect()) {
            JsonNode subscribed = resume(socket, "e9", 1);
            assertTrue(subscribed.path("recovered").asBoolean());
            publish("e9", 2);
            assertEquals(List.of(2L), offsets(socket, 1));
        }
    }

    @Test
    void noClientIsToldItRecoveredOverAGapAnotherEpochOrAPositionAhead() {
        for (long offset = 1; offset <= 5; offset++) {
            publish("e9", offset);
        }
        redisCall(Request.cmd(Command.XDEL).arg(RedisRoomKeys.history(room)).arg("2-0").arg("3-0"));
        try (ChatSocket socket = connect()) {
            for (String[] since : new String[][] {{"e9", "1"}, {"e8", "4"}, {"e9", "7"}}) {
                JsonNode subscribed = resume(socket, since[0], Long.parseLong(since[1]));
                assertFalse(subscribed.path("recovered").asBoolean(), String.join("/", since));
                assertEquals("e9", subscribed.path("epoch").asText());
                assertEquals(5, subscribed.path("offset").asLong());
                assertEquals(List.of(), socket.drain(), "nothing replayed for " + String.join("/", since));
            }
            publish("e9", 6);
            assertEquals(List.of(6L), offsets(socket, 1));
        }
    }

    @Test
    void aReplayLongerThanTheBoundIsNotAttempted() {
        for (long offset = 1; offset <= 12; offset++) {
            publish("e9", offset);
        }
        double recoveredBefore = Metrics.value(metricsUri, "chat_gateway_resumes_total{outcome=\"recovered\"}");
        double refetchBefore = Metrics.value(metricsUri, "chat_gateway_resumes_total{outcome=\"refetch\"}");
        try (ChatSocket socket = connect()) {
            assertFalse(resume(socket, "e9", 1).path("recovered").asBoolean(), "11 missed, at most 10 replayed");
            assertEquals(List.of(), socket.drain());
            assertTrue(resume(socket, "e9", 2).path("recovered").asBoolean(), "10 missed");
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), offsets(socket, 10));
        }
        assertEquals(recoveredBefore + 1,
                Metrics.value(metricsUri, "chat_gateway_resumes_total{outcome=\"recovered\"}"));
        assertEquals(refetchBefore + 1, Metrics.value(metricsUri, "chat_gateway_resumes_total{outcome=\"refetch\"}"));
    }

    @Test
    void aPlainSubscriptionSaysNothingOfRecoveryAndGetsOnlyLaterFrames() {
        publish("e9", 1);
        try (ChatSocket socket = connect()) {
            JsonNode subscribed = socket.subscribeAndAwait(room);
            assertFalse(subscribed.has("recovered"));
            assertEquals(1, subscribed.path("offset").asLong());
            publish("e9", 2);
            assertEquals(List.of(2L), offsets(socket, 1));
        }
    }

    @Test
    void aNewEpochUnderALiveSubscriptionClosesTheSocketSoTheClientResumes() throws Exception {
        publish("e9", 1);
        publish("e9", 2);
        try (ChatSocket socket = connect()) {
            socket.subscribeAndAwait(room);
            // The room's keys were lost (Redis flushed); the relay's next event starts epoch e10 at offset 1, which a
            // client holding e9/2 must not take as a repeat of e9/1.
            redisCall(Request.cmd(Command.DEL).arg(RedisRoomKeys.history(room)));
            publish("e10", 1);
            assertEquals("1012 A room's history was reset: reconnect and resume.",
                    socket.closedReason().get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
        try (ChatSocket socket = connect()) {
            JsonNode subscribed = resume(socket, "e9", 2);
            assertFalse(subscribed.path("recovered").asBoolean());
            assertEquals("e10", subscribed.path("epoch").asText());
        }
    }

    @Test
    void aRoomWithoutEventsWhenSubscribedTakesTheEpochOfItsFirstEvent() {
        try (ChatSocket socket = connect()) {
            assertFalse(socket.subscribeAndAwait(room).has("epoch"));
            publish("e3", 1);
            publish("e3", 2);
            assertEquals(List.of(1L, 2L), offsets(socket, 2));
        }
    }

    private JsonNode resume(ChatSocket socket, String epoch, long offset) {
        socket.send("{\"op\":\"subscribe\",\"room\":\"" + room + "\",\"since\":{\"epoch\":\"" + epoch
                + "\",\"offset\":" + offset + "}}");
        return socket.next("subscribed to " + room);
    }

    private static List<Long> offsets(ChatSocket socket, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> socket.next("frame " + (i + 1) + " of " + count).path("offset").asLong()).toList();
    }

    /** As the relay publishes an event: position, history entry, then the live frame. */
    private void publish(String epoch, long offset) {
        String frame = frame(epoch, offset);
        redisCall(Request.cmd(Command.MSET).arg(RedisRoomKeys.epoch(room)).arg(epoch)
                .arg(RedisRoomKeys.offset(room)).arg(offset));
        redisCall(Request.cmd(Command.XADD).arg(RedisRoomKeys.history(room)).arg(offset + "-0").arg("f").arg(frame));
        redisCall(Request.cmd(Command.PUBLISH).arg(RedisRoomKeys.channel(room)).arg(frame));
    }

    private String frame(String epoch, long offset) {
        return "{\"type\":\"event\",\"room\":\"" + room + "\",\"epoch\":\"" + epoch + "\",\"offset\":" + offset
                + ",\"event\":{\"id\":\"" + UUID.nameUUIDFromBytes((room + offset).getBytes()) + "\"}}";
    }

    private void redisCall(Request request) {
        redis.send(request).await().atMost(Duration.ofSeconds(5));
    }

    private ChatSocket connect() {
        return ChatSocket.connect(URI.create(wsUri.toString().replaceFirst("^http", "ws")).toString(), token);
    }
}
