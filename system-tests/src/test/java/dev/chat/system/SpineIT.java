package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.local.ChildProcess;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The spine end to end, across real processes: POST → outbox → relay → Redis → two gateways → WebSocket clients.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static RunningSystem system;
    static ChildProcess firstRelay;
    static String gatewayA;
    static String gatewayB;

    UUID channel;
    String aliceSubject;
    String bobSubject;
    String malloryToken;

    @BeforeAll
    static void startSystem() {
        system = new RunningSystem();
        firstRelay = system.startRelay("outbox-relay-1");
        gatewayA = system.startGateway("realtime-gateway-a");
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
        try (ChatSocket onA = ChatSocket.connect(gatewayA, Tokens.forSubject(aliceSubject));
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
    void aStandbyRelayTakesOverWhenTheLeaderDies() throws Exception {
        system.startRelay("outbox-relay-2");
        firstRelay.kill();
        try (ChatSocket socket = ChatSocket.connect(gatewayA, Tokens.forSubject(bobSubject))) {
            socket.subscribeAndAwait("channel:" + channel);
            String messageId = post(aliceSubject, "after the failover");
            JsonNode frame = socket.poll(Duration.ofSeconds(20));
            assertEquals(messageId, frame.path("event").path("payload").path("id").asText());
        }
    }

    private String post(String subject, String content) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("channel_id", channel.toString(), "content", content));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/api/messages"))
                .header("Authorization", "Bearer " + Tokens.forSubject(subject))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("id").asText();
    }
}
