package dev.chat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class GatewayTest {

    @TestHTTPResource("/ws")
    URI wsUri;
    @TestHTTPResource("/q/metrics")
    URI metricsUri;
    @Inject
    Redis redis;

    UUID workspace;
    UUID general;
    UUID alice;
    String aliceSubject;

    @BeforeEach
    void setUp() {
        workspace = TestData.workspace();
        general = TestData.channel(workspace, "general", "public");
        aliceSubject = TestData.newSubject("alice");
        alice = TestData.user(aliceSubject);
        TestData.activeMember(workspace, alice, "member");
    }

    @Test
    void upgradeWithoutTokenIsRefused() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws(), new WebSocket.Listener() { })
                        .join());
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
    }

    @Test
    void aPlainRequestWithAValidTokenIsNotUpgraded() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ws().toString().replaceFirst("^ws", "http")))
                .header("Authorization", "Bearer " + Tokens.forSubject(aliceSubject)).timeout(Duration.ofSeconds(10))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, plain.statusCode());
    }

    @Test
    void aTokenForAnotherApplicationIsRefused() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder()
                        .header("Authorization", "Bearer " + Tokens.forAudience(aliceSubject, "another-app"))
                        .buildAsync(ws(), new WebSocket.Listener() { }).join());
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
    }

    @Test
    void browsersCarryTheTokenInTheSubprotocol() {
        String carrier = java.net.URLEncoder.encode(
                "quarkus-http-upgrade#Authorization#Bearer " + Tokens.forSubject(aliceSubject),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        CompletableFuture<String> pong = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://localhost:3000")
                .subprotocols("bearer-token-carrier", carrier)
                .buildAsync(ws(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        pong.complete(data.toString());
                        return null;
                    }
                }).join();
        assertEquals("bearer-token-carrier", socket.getSubprotocol());
        socket.sendText("{\"op\":\"ping\"}", true).join();
        assertEquals("{\"type\":\"pong\"}", pong.orTimeout(10, TimeUnit.SECONDS).join());
        socket.abort();
    }

    @Test
    void upgradeFromAForeignOriginIsRefused() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder()
                        .header("Authorization", "Bearer " + Tokens.forSubject(aliceSubject))
                        .header("Origin", "https://evil.example")
                        .buildAsync(ws(), new WebSocket.Listener() { }).join());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void aMemberReceivesTheRoomsFramesExactlyAsPublished() {
        String room = "channel:" + general;
        try (ChatSocket socket = connect(aliceSubject)) {
            JsonNode subscribed = socket.subscribeAndAwait(room);
            assertEquals("subscribed", subscribed.path("type").asText());
            assertFalse(subscribed.has("offset"), "a room without events has no position yet");

            String frame = eventFrame(room, 1);
            publish(room, frame);
            assertEquals(frame, socket.next().toString());
            assertEquals(List.of(), socket.drain());
        }
    }

    @Test
    void subscribedReportsTheRoomsCurrentPosition() {
        String room = "channel:" + general;
        redis.send(Request.cmd(Command.MSET).arg(RedisRoomKeys.epoch(room)).arg("e7")
                .arg(RedisRoomKeys.offset(room)).arg("41")).await().atMost(Duration.ofSeconds(5));
        try (ChatSocket socket = connect(aliceSubject)) {
            JsonNode subscribed = socket.subscribeAndAwait(room);
            assertEquals("e7", subscribed.path("epoch").asText());
            assertEquals(41, subscribed.path("offset").asLong());
        }
    }

    @Test
    void refusedSubscriptionsGetForbiddenAndNothingOfTheRoom() {
        UUID privateChannel = TestData.channel(workspace, "leadership", "private");
        UUID otherWorkspace = TestData.workspace();
        UUID foreignChannel = TestData.channel(otherWorkspace, "general", "public");
        UUID bob = TestData.user(TestData.newSubject("bob"));
        List<String> refused = List.of("channel:" + privateChannel, "channel:" + foreignChannel,
                "user:" + bob, "channel:" + UUID.randomUUID(), "thread:" + UUID.randomUUID());
        try (ChatSocket socket = connect(aliceSubject)) {
            for (String room : refused) {
                JsonNode answer = socket.subscribeAndAwait(room);
                assertEquals("error", answer.path("type").asText(), room);
                assertEquals("forbidden", answer.path("code").asText(), room);
            }
            String allowed = "user:" + alice;
            assertEquals("subscribed", socket.subscribeAndAwait(allowed).path("type").asText());
            for (String room : refused) {
                publish(room, eventFrame(room, 1));
            }
            String mine = eventFrame(allowed, 1);
            publish(allowed, mine);
            assertEquals(mine, socket.next().toString(), "only the allowed room's frame arrives");
            assertEquals(List.of(), socket.drain());
        }
    }

    @Test
    void invitedMembersAndPrivateChannelOutsidersAreRefusedUntilTheyBelong() {
        UUID privateChannel = TestData.channel(workspace, "leadership", "private");
        String carolSubject = TestData.newSubject("carol");
        UUID carol = TestData.user(carolSubject);
        TestData.invitedMember(workspace, carol);
        try (ChatSocket socket = connect(carolSubject)) {
            assertEquals("forbidden", socket.subscribeAndAwait("channel:" + general).path("code").asText());
        }
        try (ChatSocket socket = connect(aliceSubject)) {
            assertEquals("forbidden", socket.subscribeAndAwait("channel:" + privateChannel).path("code").asText());
            TestData.channelMember(privateChannel, alice);
            assertEquals("subscribed", socket.subscribeAndAwait("channel:" + privateChannel).path("type").asText());
        }
    }

    @Test
    void aDirectMessagesRoomIsForItsPeopleOnly() {
        String bobSubject = TestData.newSubject("bob");
        UUID bob = TestData.user(bobSubject);
        TestData.activeMember(workspace, bob, "member");
        String carolSubject = TestData.newSubject("carol");
        TestData.activeMember(workspace, TestData.user(carolSubject), "admin");
        UUID dm = TestData.directMessage(workspace, alice, bob);
        try (ChatSocket socket = connect(bobSubject)) {
            assertEquals("subscribed", socket.subscribeAndAwait("channel:" + dm).path("type").asText());
        }
        try (ChatSocket socket = connect(carolSubject)) {
            assertEquals("forbidden", socket.subscribeAndAwait("channel:" + dm).path("code").asText(),
                    "a workspace admin is not one of its people");
        }
    }

    @Test
    void aSocketOpenedBeforeItsUsersAccountWasMadeMaySubscribeOnceItExists() {
        String newcomer = TestData.newSubject("newcomer");
        try (ChatSocket socket = connect(newcomer)) {
            assertEquals("forbidden", socket.subscribeAndAwait("workspace:" + workspace).path("code").asText());
            // The web client's first REST call makes the account while its socket is already open.
            UUID account = TestData.user(newcomer);
            assertEquals("subscribed", socket.subscribeAndAwait("user:" + account).path("type").asText());
        }
    }

    @Test
    void theWorkspaceRoomIsForItsActiveMembers() {
        String room = "workspace:" + workspace;
        String carolSubject = TestData.newSubject("carol");
        TestData.invitedMember(workspace, TestData.user(carolSubject));
        try (ChatSocket member = connect(aliceSubject); ChatSocket invited = connect(carolSubject)) {
            assertEquals("subscribed", member.subscribeAndAwait(room).path("type").asText());
            assertEquals("forbidden", invited.subscribeAndAwait(room).path("code").asText());
            assertEquals("forbidden", member.subscribeAndAwait("workspace:" + TestData.workspace()).path("code")
                    .asText());
        }
    }

    @Test
    void removedMembersStopReceivingWithinTheRecheckInterval() {
        UUID privateChannel = TestData.channel(workspace, "leadership", "private");
        TestData.channelMember(privateChannel, alice);
        String bobSubject = TestData.newSubject("bob");
        UUID bob = TestData.user(bobSubject);
        TestData.activeMember(workspace, bob, "member");
        List<String> aliceRooms = List.of("channel:" + privateChannel, "workspace:" + workspace, "user:" + alice);
        List<String> bobRooms = List.of("channel:" + general, "workspace:" + workspace);
        try (ChatSocket aliceSocket = connect(aliceSubject); ChatSocket bobSocket = connect(bobSubject)) {
            aliceRooms.forEach(room -> assertEquals("subscribed", aliceSocket.subscribeAndAwait(room).path("type")
                    .asText()));
            bobRooms.forEach(room -> assertEquals("subscribed", bobSocket.subscribeAndAwait(room).path("type")
                    .asText()));

            // Alice leaves the private channel; Bob is removed from the workspace.
            TestData.update("DELETE FROM channel_members WHERE channel_id = ? AND user_id = ?", privateChannel, alice);
            TestData.update("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?", workspace, bob);
            JsonNode revoked = aliceSocket.next();
            assertEquals("error", revoked.path("type").asText());
            assertEquals("forbidden", revoked.path("code").asText());
            assertEquals("channel:" + privateChannel, revoked.path("room").asText());
            List<String> bobLost = List.of(bobSocket.next().path("room").asText(), bobSocket.next().path("room")
                    .asText());
            assertEquals(bobRooms.stream().sorted().toList(), bobLost.stream().sorted().toList());

            for (String room : List.of("channel:" + privateChannel, "channel:" + general, "workspace:" + workspace)) {
                publish(room, eventFrame(room, 1));
            }
            String stillMine = eventFrame("user:" + alice, 1);
            publish("user:" + alice, stillMine);
            // Alice still holds the workspace room and her own: two frames, nothing of the private channel.
            List<String> aliceGot = List.of(aliceSocket.next().toString(), aliceSocket.next().toString());
            assertTrue(aliceGot.contains(stillMine), aliceGot.toString());
            assertTrue(aliceGot.stream().noneMatch(frame -> frame.contains(privateChannel.toString())),
                    aliceGot.toString());
            assertEquals(List.of(), aliceSocket.drain());
            assertEquals(List.of(), bobSocket.drain(), "a removed member receives nothing more");
        }
    }

    @Test
    void aThreadIsReadableThroughAnyChannelItIsSharedInto() {
        UUID message = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        TestData.update("INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at) "
                + "VALUES (?, ?, ?, ?, 'root', now())", message, workspace, general, alice);
        TestData.update("INSERT INTO conversations (id, workspace_id, root_message_id) VALUES (?, ?, ?)",
                conversation, workspace, message);
        UUID privateChannel = TestData.channel(workspace, "leadership", "private");
        TestData.update("INSERT INTO conversation_channels (conversation_id, channel_id, is_primary, timeline_key) "
                + "VALUES (?, ?, false, gen_random_uuid())", conversation, privateChannel);
        String outsiderSubject = TestData.newSubject("dave");
        TestData.activeMember(TestData.workspace(), TestData.user(outsiderSubject), "member");
        try (ChatSocket member = connect(aliceSubject); ChatSocket outsider = connect(outsiderSubject)) {
            assertEquals("forbidden", member.subscribeAndAwait("thread:" + conversation).path("code").asText(),
                    "shared only into a private channel alice is not in");
            TestData.update("INSERT INTO conversation_channels (conversation_id, channel_id, is_primary) "
                    + "VALUES (?, ?, true)", conversation, general);
            assertEquals("subscribed", member.subscribeAndAwait("thread:" + conversation).path("type").asText());
            assertEquals("forbidden", outsider.subscribeAndAwait("thread:" + conversation).path("code").asText());
        }
    }

    @Test
    void theGatewayHoldsARedisSubscriptionOnlyWhileSomeoneLocalHoldsTheRoom() {
        String room = "channel:" + general;
        try (ChatSocket first = connect(aliceSubject); ChatSocket second = connect(aliceSubject)) {
            assertEquals(0, subscribers(room));
            first.subscribeAndAwait(room);
            second.subscribeAndAwait(room);
            assertEquals(1, subscribers(room), "one Redis subscription however many local sockets");

            first.send("{\"op\":\"unsubscribe\",\"room\":\"" + room + "\"}");
            assertEquals("unsubscribed", first.next().path("type").asText());
            String frame = eventFrame(room, 1);
            publish(room, frame);
            assertEquals(frame, second.next().toString());
            assertEquals(List.of(), first.drain(), "no delivery after unsubscribe");
            assertEquals(1, subscribers(room));
        }
        awaitTrue(() -> subscribers(room) == 0);
    }

    @Test
    void aBurstOfSubscriptionsFromManySocketsIsServedInFull() {
        // As after a gateway restart: every client reconnects and resubscribes at once.
        int sockets = 80;
        List<ChatSocket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < sockets; i++) {
                clients.add(connect(aliceSubject));
            }
            clients.forEach(client -> client.subscribe("channel:" + general));
            for (ChatSocket client : clients) {
                assertEquals("subscribed", client.next().path("type").asText());
            }
        } finally {
            clients.forEach(ChatSocket::close);
        }
    }

    @Test
    void pingAndMalformedFrames() {
        try (ChatSocket socket = connect(aliceSubject)) {
            socket.send("{\"op\":\"ping\"}");
            assertEquals("pong", socket.next().path("type").asText());
            socket.send("not json");
            JsonNode bad = socket.next();
            assertEquals("error", bad.path("type").asText());
            assertEquals("validation_failed", bad.path("code").asText());
            socket.send("{\"op\":\"shout\"}");
            assertEquals("unknown_op", socket.next().path("code").asText());
            socket.send("{\"op\":\"subscribe\",\"room\":\"channel:not-an-id\"}");
            assertEquals("invalid_room", socket.next().path("code").asText());
            socket.send("{\"op\":\"ping\"}");
            assertEquals("pong", socket.next().path("type").asText(), "errors never close the socket");
        }
    }

    @Test
    void aSlowConsumerIsDisconnectedWithoutHoldingBackOthers() throws Exception {
        String room = "channel:" + general;
        StalledListener stalled = new StalledListener();
        WebSocket slow = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + Tokens.forSubject(aliceSubject))
                .buildAsync(ws(), stalled).join();
        slow.sendText("{\"op\":\"subscribe\",\"room\":\"" + room + "\"}", true).join();
        stalled.firstFrame.get(10, TimeUnit.SECONDS); // "subscribed"; after this it reads nothing

        int frames = 2_000;
        String padding = "x".repeat(20_000);
        try (ChatSocket healthy = connect(aliceSubject)) {
            healthy.subscribeAndAwait(room);
            // In windows smaller than the pending-frame bound, so that the healthy client (one reading thread on a
            // busy machine) is never itself that far behind, while the stalled one falls further behind each window.
            int window = 20;
            for (int first = 1; first <= frames; first += window) {
                for (int i = first; i < first + window; i++) {
                    publish(room, eventFrame(room, i).replace("\"padding\"", "\"" + padding + "\""));
                }
                for (int i = first; i < first + window; i++) {
                    assertEquals(i, healthy.next("frame " + i + " of " + frames).path("offset").asLong());
                }
            }
        }
        slow.request(Long.MAX_VALUE); // read what was buffered, up to the close frame
        assertEquals("1008 slow_consumer", stalled.closed.get(20, TimeUnit.SECONDS));
        assertTrue(Metrics.value(metricsUri, "chat_gateway_slow_consumers_total") >= 1);
        assertTrue(stalled.received.get() < frames, "the slow client was cut off, not fed everything");
    }

    /** Takes the first frame, then stops reading until told to. */
    private static final class StalledListener implements WebSocket.Listener {
        final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final AtomicInteger received = new AtomicInteger();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                received.incrementAndGet();
                firstFrame.complete(null);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }
    }

    @Test
    void metricsCountSocketsSubscriptionsFramesAndRefusals() {
        double framesBefore = Metrics.value(metricsUri, "chat_gateway_frames_written_total");
        double refusedBefore = Metrics.value(metricsUri, "chat_gateway_subscriptions_refused_total");
        String outsiderSubject = TestData.newSubject("outsider");
        TestData.user(outsiderSubject);
        try (ChatSocket member = connect(aliceSubject); ChatSocket outsider = connect(outsiderSubject)) {
            member.subscribeAndAwait("channel:" + general);
            assertEquals("forbidden", outsider.subscribeAndAwait("channel:" + general).path("code").asText());
            assertTrue(Metrics.value(metricsUri, "chat_gateway_sockets") >= 2);
            assertTrue(Metrics.value(metricsUri, "chat_gateway_subscriptions") >= 1);
            assertTrue(Metrics.value(metricsUri, "chat_gateway_rooms") >= 1);
            assertTrue(Metrics.value(metricsUri, "chat_gateway_frames_written_total") >= framesBefore + 2);
            assertEquals(refusedBefore + 1, Metrics.value(metricsUri, "chat_gateway_subscriptions_refused_total"));
            assertEquals(0.0, Metrics.value(metricsUri, "chat_gateway_drain_remaining"));
        }
    }

    private ChatSocket connect(String subject) {
        return ChatSocket.connect(ws().toString(), Tokens.forSubject(subject));
    }

    private URI ws() {
        return URI.create(wsUri.toString().replaceFirst("^http", "ws"));
    }

    private void publish(String room, String frame) {
        redis.send(Request.cmd(Command.PUBLISH).arg(RedisRoomKeys.channel(room)).arg(frame))
                .await().atMost(Duration.ofSeconds(5));
    }

    private long subscribers(String room) {
        return redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(RedisRoomKeys.channel(room)))
                .await().atMost(Duration.ofSeconds(5)).get(1).toLong();
    }

    private static String eventFrame(String room, long offset) {
        return "{\"type\":\"event\",\"room\":\"" + room + "\",\"epoch\":\"e1\",\"offset\":" + offset
                + ",\"event\":{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"message.created\",\"padding\":1}}";
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
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
