package dev.chat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.RawSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every well-formed text frame is answered and the socket stays; what RFC 6455 says ends it, ends it with its code. */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class ProtocolFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/ws")
    URI wsUri;

    String token;

    @BeforeEach
    void setUp() {
        String subject = TestData.newSubject("rae");
        TestData.activeMember(TestData.workspace(), TestData.user(subject), "member");
        token = Tokens.forSubject(subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "\"ping\"", "[]", "[{\"op\":\"ping\"}]", "{}", "{\"op\":\"ping\",\"x\":1}",
        "{\"op\":\"ping\",\"op\":\"ping\"}", "{\"op\":\"ping\"}{}", "{\"op\":true}", "{\"op\":\"subscribe\",\"room\":7}",
        "{\"op\":\"subscribe\",\"room\":\"channel:1-1-1-1-1\"}", "{\"op\":\"sub\\u0000scribe\"}", "{\"op\"", "",
        "{\"op\":\"subscribe\",\"room\":\"channel:00000000-0000-7000-8000-000000000001\",\"since\":{\"offset\":1.5}}"})
    void everyWellFormedTextFrameGetsAnErrorFrameAndTheSocketStays(String frame) throws Exception {
        try (RawSocket socket = RawSocket.connect(ws(), token)) {
            socket.sendText(frame);
            RawSocket.Frame answer = socket.nextData();
            assertNotNull(answer, "no answer to " + frame);
            assertEquals(RawSocket.TEXT, answer.opcode(), answer.text());
            JsonNode error = JSON.readTree(answer.text());
            assertEquals("error", error.path("type").asText(), answer.text());
            socket.sendText("{\"op\":\"ping\"}");
            assertEquals("{\"type\":\"pong\"}", socket.nextData().text(), "the socket stays open after " + frame);
        }
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() {
        for (int size : new int[] {4_097, 60_000, 70_000, 1_000_000}) {
            try (RawSocket socket = RawSocket.connect(ws(), token)) {
                socket.sendText("{\"op\":\"ping\",\"room\":\"" + "x".repeat(size) + "\"}");
                RawSocket.Frame close = socket.nextData();
                assertNotNull(close, "no close frame for " + size + " bytes");
                assertEquals(RawSocket.CLOSE, close.opcode());
                assertEquals(1009, close.closeCode(), size + " bytes: " + close.closeReason());
                assertEquals("A frame is at most 4096 bytes.", close.closeReason());
            }
        }
    }

    @Test
    void aMessageInManyFramesOverTheTransportsLimitClosesWith1009() {
        try (RawSocket socket = RawSocket.connect(ws(), token)) {
            byte[] chunk = " ".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
            socket.send(RawSocket.TEXT, "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false);
            for (int i = 0; i < 5; i++) {
                socket.send(RawSocket.CONTINUATION, chunk, i == 4);
            }
            RawSocket.Frame close = socket.nextData();
            assertNotNull(close);
            assertEquals(RawSocket.CLOSE, close.opcode());
            assertEquals(1009, close.closeCode(), close.closeReason());
        }
    }

    @Test
    void aFrameJustUnderTheLimitIsAnswered() {
        try (RawSocket socket = RawSocket.connect(ws(), token)) {
            String ping = "{\"op\":\"ping\"}";
            socket.sendText(ping + " ".repeat(4_096 - ping.length()));
            assertEquals("{\"type\":\"pong\"}", socket.nextData().text());
        }
    }

    @Test
    void aBinaryFrameClosesWith1003() {
        try (RawSocket socket = RawSocket.connect(ws(), token)) {
            socket.send(RawSocket.BINARY, "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            RawSocket.Frame close = socket.nextData();
            assertNotNull(close);
            assertEquals(RawSocket.CLOSE, close.opcode());
            assertEquals(1003, close.closeCode(), close.closeReason());
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() {
        byte[] invalid = {'{', '"', 'o', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        try (RawSocket socket = RawSocket.connect(ws(), token)) {
            socket.send(RawSocket.TEXT, invalid);
            RawSocket.Frame close = socket.nextData();
            assertNotNull(close);
            assertEquals(RawSocket.CLOSE, close.opcode());
            assertEquals(1007, close.closeCode(), close.closeReason());
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedWithinItsTimeoutAndOneThatAnswersIsNot() throws Exception {
        try (RawSocket silent = RawSocket.connect(ws(), token); RawSocket alive = RawSocket.connect(ws(), token)) {
            java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread answering = new Thread(() -> { // the live client reads as clients do, answering each ping
                while (waiting.get()) {
                    RawSocket.Frame ping = alive.next();
                    if (ping != null && ping.opcode() == RawSocket.PING) {
                        alive.send(RawSocket.PONG, ping.payload());
                    }
                }
            });
            answering.start();
            long start = System.nanoTime();
            RawSocket.Frame frame = silent.next();
            while (frame != null && frame.opcode() == RawSocket.PING) { // never answered
                frame = silent.next();
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertNotNull(frame, "the silent socket was dropped without a close frame");
            assertEquals(RawSocket.CLOSE, frame.opcode());
            assertEquals(1001, frame.closeCode(), frame.closeReason());
            assertTrue(seconds <= 6, "closed after " + seconds + " s; peer-timeout 3 s, checked every 0.5 s");
            waiting.set(false);
            answering.join(15_000);

            alive.sendText("{\"op\":\"ping\"}");
            assertEquals("{\"type\":\"pong\"}", alive.nextData().text(), "the socket that answered pings is open");
        }
    }

    private URI ws() {
        return URI.create(wsUri.toString().replaceFirst("^http", "ws"));
    }
}
