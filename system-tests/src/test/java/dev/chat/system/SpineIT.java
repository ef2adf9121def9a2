package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.local.ChatService;
import dev.chat.local.ChildProcess;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The spine end to end, across real processes: POST → outbox → relay → Redis → two gateways → WebSocket clients. The
 * services log as in production (JSON), with the categories that link the hops at DEBUG.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> PRODUCTION_LOGS = Map.of(
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
            "QUARKUS_LOG_CATEGORY__DEV_CHAT_OUTBOX__LEVEL", "DEBUG",
            "QUARKUS_LOG_CATEGORY__DEV_CHAT_RELAY__LEVEL", "DEBUG",
            "QUARKUS_LOG_CATEGORY__DEV_CHAT_GATEWAY_ROOMS__LEVEL", "DEBUG");

    static RunningSystem system;
    static ChildProcess firstRelay;
    static RunningSystem.Instance gatewayA;
    static String gatewayB;

    UUID channel;
    String aliceSubject;
    String bobSubject;
    String malloryToken;

    @BeforeAll
    static void startSystem() {
        system = new RunningSystem(SpineIT.class, PRODUCTION_LOGS);
        firstRelay = system.startRelay("outbox-relay-1");
        gatewayA = system.instance(ChatService.REALTIME_GATEWAY, "realtime-gateway-a", Map.of()).start();
        gatewayB = system.startGateway("realtime-gateway-b");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void members() {
        UUID workspace = TestData.workspace();
        channel = TestData.channel(workspace, "general", "public");
        aliceSubject = TestData.newSubject("alice");
        bobSubject = TestData.newSubject("bob");
        for (String subject : List.of(aliceSubject, bobSubject)) {
            UUID user = TestData.user(subject);
            TestData.activeMember(workspace, user, "member");
            TestData.channelMember(channel, user);
        }
        UUID otherWorkspace = TestData.workspace();
        String mallorySubject = TestData.newSubject("mallory");
        TestData.activeMember(otherWorkspace, TestData.user(mallorySubject), "admin");
        malloryToken = Tokens.forSubject(mallorySubject);
    }

    @Test
    @Order(1)
    void aPostedMessageReachesASubscriberOnEachGatewayExactlyOnce() throws Exception {
        String room = "channel:" + channel;
        try (ChatSocket onA = ChatSocket.connect(gatewayA.wsUrl(), Tokens.forSubject(aliceSubject));
             ChatSocket onB = ChatSocket.connect(gatewayB, Tokens.forSubject(bobSubject));
             ChatSocket intruder = ChatSocket.connect(gatewayB, malloryToken)) {
            assertEquals("subscribed", onA.subscribeAndAwait(room).path("type").asText());
            assertEquals("subscribed", onB.subscribeAndAwait(room).path("type").asText());
            JsonNode refusal = intruder.subscribeAndAwait(room);
            assertEquals("error", refusal.path("type").asText());
            assertEquals("forbidden", refusal.path("code").asText());

            String messageId = post(aliceSubject, "hello from the spine");

            for (ChatSocket socket : List.of(onA, onB)) {
                JsonNode frame = socket.next();
                assertEquals("event", frame.path("type").asText());
                assertEquals(room, frame.path("room").asText());
                assertEquals("message.created", frame.path("event").path("type").asText());
                assertEquals(messageId, frame.path("event").path("payload").path("id").asText());
                assertEquals("hello from the spine", frame.path("event").path("payload").path("content").asText());
            }
            // Let any duplicate or leaked frame arrive before looking for one.
            post(aliceSubject, "second");
            assertEquals("second", onA.next().path("event").path("payload").path("content").asText());
            assertEquals("second", onB.next().path("event").path("payload").path("content").asText());
            assertEquals(List.of(), onA.drain());
            assertEquals(List.of(), onB.drain());
            assertEquals(List.of(), intruder.drain(), "a refused subscriber receives nothing of the room");
        }
    }

    @Test
    @Order(2)
    void oneMessageCanBeFollowedThroughTheJsonLogsByItsRequestAndEventIds() throws Exception {
        String requestId = "spine-" + UUID.randomUUID();
        try (ChatSocket socket = ChatSocket.connect(gatewayA.wsUrl(), Tokens.forSubject(bobSubject))) {
            socket.subscribeAndAwait("channel:" + channel);
            post(aliceSubject, "follow me", requestId);
            String eventId = socket.next().path("event").path("id").asText();

            JsonNode written = awaitLogLine(system.api().process(), "Writing event " + eventId);
            assertEquals(requestId, written.path("mdc").path("request_id").asText(), written.toString());
            assertEquals("DEBUG", written.path("level").asText());
            awaitLogLine(firstRelay, eventId);
            JsonNode delivered = awaitLogLine(gatewayA.process(), "Delivering event " + eventId);
            assertTrue(delivered.path("message").asText().contains("channel:" + channel), delivered.toString());
        }
        for (ChildProcess process : List.of(system.api().process(), firstRelay, gatewayA.process())) {
            for (String line : Files.readAllLines(process.logFile())) {
                assertTrue(line.isBlank() || JSON.readTree(line).isObject(), process.name() + " wrote " + line);
            }
        }
    }

    @Test
    @Order(3)
    void aStandbyRelayTakesOverWhenTheLeaderDies() throws Exception {
        system.startRelay("outbox-relay-2");
        firstRelay.kill();
        try (ChatSocket socket = ChatSocket.connect(gatewayA.wsUrl(), Tokens.forSubject(bobSubject))) {
            socket.subscribeAndAwait("channel:" + channel);
            String messageId = post(aliceSubject, "after the failover");
            JsonNode frame = socket.poll(Duration.ofSeconds(20));
            assertEquals(messageId, frame.path("event").path("payload").path("id").asText());
        }
    }

    /** The first JSON log line of {@code process} whose message contains {@code text}, once it is written. */
    private static JsonNode awaitLogLine(ChildProcess process, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : Files.readAllLines(process.logFile())) {
                if (line.startsWith("{") && line.contains(text)) {
                    JsonNode entry = JSON.readTree(line);
                    if (entry.path("message").asText().contains(text)) {
                        return entry;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(process.name() + " logged no line with " + text + ":\n" + process.logTail());
            }
            Thread.sleep(100);
        }
    }

    private String post(String subject, String content) throws Exception {
        return post(subject, content, "spine-" + UUID.randomUUID());
    }

    private String post(String subject, String content, String requestId) throws Exception {
        String body = JSON.writeValueAsString(Map.of("channel_id", channel.toString(), "content", content));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/api/messages"))
                .header("Authorization", "Bearer " + Tokens.forSubject(subject))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("id").asText();
    }
}
