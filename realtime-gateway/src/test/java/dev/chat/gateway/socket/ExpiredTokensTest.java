package dev.chat.gateway.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpiredTokensTest {

    private final SocketMetrics metrics = new SocketMetrics(new SimpleMeterRegistry());

    @Test
    void aSocketWhoseTokenExpiredIsClosedWith1008AndOthersAreLeftOpen() {
        long now = 1_000_000;
        List<String> expiredCloses = new ArrayList<>();
        List<String> validCloses = new ArrayList<>();
        ClientSession expired = session(now - 1, expiredCloses);
        ClientSession valid = session(now + 60_000, validCloses);

        ExpiredTokens.closeExpired(List.of(expired, valid), now);

        assertEquals(List.of("1008 Token expired: reconnect with a fresh one."), expiredCloses);
        assertTrue(expired.isClosing());
        assertEquals(List.of(), validCloses);
        assertFalse(valid.isClosing());

        ExpiredTokens.closeExpired(List.of(expired, valid), now + 1);
        assertEquals(1, expiredCloses.size(), "closed once");
    }

    /** A session over a socket that records how it was closed. */
    private ClientSession session(long tokenExpiresAtMillis, List<String> closes) {
        ServerWebSocket socket = (ServerWebSocket) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerWebSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closes.add(args[0] + " " + args[1]);
                        yield Future.succeededFuture();
                    }
                    case "toString" -> "socket";
                    default -> null;
                });
        return new ClientSession(socket, null, "subject", UUID.randomUUID(), tokenExpiresAtMillis, 10, metrics);
    }
}
