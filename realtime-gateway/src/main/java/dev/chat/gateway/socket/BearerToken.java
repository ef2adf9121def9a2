package dev.chat.gateway.socket;

import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where an upgrade request carries its access token (docs/protocol.md, "Connecting"): the {@code Authorization}
 * header of native clients, or, for browsers, which cannot set headers on a WebSocket, a second subprotocol beside
 * {@link #CARRIER}: {@code quarkus-http-upgrade#Authorization#Bearer <token>}, URL-encoded.
 */
final class BearerToken {

    /** The subprotocol a browser asks for, and the one the gateway answers with. */
    static final String CARRIER = "bearer-token-carrier";
    private static final String CARRIED_HEADER = "quarkus-http-upgrade#Authorization#";
    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    /** The token, or empty when the request carries none in either place. */
    static Optional<String> from(MultiMap headers) {
        String authorization = headers.get("Authorization");
        if (authorization == null) {
            authorization = carried(headers.get("Sec-WebSocket-Protocol"));
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The Authorization value a subprotocol list carries, or null. */
    private static String carried(String subprotocols) {
        if (subprotocols == null) {
            return null;
        }
        for (String offered : subprotocols.split(",")) {
            String decoded;
            try {
                decoded = URLDecoder.decode(offered.trim(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                continue;
            }
            if (decoded.startsWith(CARRIED_HEADER)) {
                return decoded.substring(CARRIED_HEADER.length());
            }
        }
        return null;
    }
}
