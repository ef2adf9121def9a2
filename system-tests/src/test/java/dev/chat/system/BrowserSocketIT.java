package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.chat.local.ChatService;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser form of docs/protocol.md's "Connecting", in a real browser (headless Chromium): the bearer token in the
 * subprotocol carrier, URL-encoded, from a page whose origin the gateway allows.
 */
class BrowserSocketIT {

    static RunningSystem system;
    static HttpServer pages;
    static String gateway;

    @BeforeAll
    static void start() throws Exception {
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>chat</title>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        pages.start();
        system = new RunningSystem(BrowserSocketIT.class);
        gateway = system.instance(ChatService.REALTIME_GATEWAY, "gateway-browser",
                Map.of("ALLOWED_ORIGINS", pageOrigin())).start().wsUrl();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void aBrowserConnectsWithTheEncodedSubprotocolFromAnAllowedOriginOnly() throws Exception {
        UUID workspace = TestData.workspace();
        UUID channel = TestData.channel(workspace, "general", "public");
        String subject = TestData.newSubject("browser");
        TestData.activeMember(workspace, TestData.user(subject), "member");
        String room = "channel:" + channel;
        int port = pages.getAddress().getPort();

        JsonNode result = HeadlessChromium.run("websocket-subprotocol.mjs", pageOrigin() + "/",
                "http://localhost:" + port + "/", gateway, Tokens.forSubject(subject), room);

        JsonNode allowed = result.path("allowed");
        assertEquals("SyntaxError", allowed.path("unencoded").asText(),
                "a subprotocol holding a space is refused by the browser itself: " + result);
        assertEquals("bearer-token-carrier", allowed.path("protocol").asText(), result.toString());
        assertEquals("subscribed", allowed.path("frames").path(0).path("type").asText(), result.toString());
        assertEquals(room, allowed.path("frames").path(0).path("room").asText(), result.toString());

        JsonNode otherOrigin = result.path("otherOrigin").path("frames");
        assertEquals(1006, otherOrigin.path(0).path("closed").asInt(), "refused upgrade: " + result);
        assertFalse(otherOrigin.toString().contains("subscribed"), result.toString());
    }

    private static String pageOrigin() {
        return "http://127.0.0.1:" + pages.getAddress().getPort();
    }
}
