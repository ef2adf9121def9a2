package dev.chat.gateway.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theAuthorizationHeaderOfNativeClients() {
        assertEquals(Optional.of("abc.def.ghi"), BearerToken.from(headers("Authorization", "Bearer abc.def.ghi")));
        assertEquals(Optional.of("abc"), BearerToken.from(headers("Authorization", "bearer abc")));
    }

    @Test
    void theSubprotocolCarrierOfBrowsers() {
        String carried = "bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%20abc.def.ghi";
        assertEquals(Optional.of("abc.def.ghi"), BearerToken.from(headers("Sec-WebSocket-Protocol", carried)));
    }

    @Test
    void theHeaderWinsOverTheCarrier() {
        MultiMap both = headers("Authorization", "Bearer from-header")
                .add("Sec-WebSocket-Protocol", "bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%20x");
        assertEquals(Optional.of("from-header"), BearerToken.from(both));
    }

    @Test
    void nothingUsableIsNoToken() {
        assertEquals(Optional.empty(), BearerToken.from(MultiMap.caseInsensitiveMultiMap()));
        assertEquals(Optional.empty(), BearerToken.from(headers("Authorization", "Basic dXNlcjpwYXNz")));
        assertEquals(Optional.empty(), BearerToken.from(headers("Authorization", "Bearer ")));
        assertEquals(Optional.empty(), BearerToken.from(headers("Sec-WebSocket-Protocol", "bearer-token-carrier")));
        assertEquals(Optional.empty(), BearerToken.from(headers("Sec-WebSocket-Protocol",
                "bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%2")), "malformed encoding");
    }

    private static MultiMap headers(String name, String value) {
        return MultiMap.caseInsensitiveMultiMap().add(name, value);
    }
}
