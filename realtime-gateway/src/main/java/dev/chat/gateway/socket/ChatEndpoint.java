package dev.chat.gateway.socket;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/**
 * {@code /ws}: the upgrade needs a valid bearer token (Authorization header, or the subprotocol carrier for
 * browsers) and an allowed Origin; everything after that is {@link ProtocolHandler}'s.
 */
@Authenticated
@WebSocket(path = "/ws")
public class ChatEndpoint {

    @Inject
    SecurityIdentity identity;
    @Inject
    ProtocolHandler protocol;

    @OnOpen
    Uni<Void> onOpen(WebSocketConnection connection) {
        return protocol.open(connection, identity.getPrincipal().getName());
    }

    @OnTextMessage
    void onText(String text, WebSocketConnection connection) {
        protocol.receive(connection, text);
    }

    @OnBinaryMessage
    void onBinary(Buffer data, WebSocketConnection connection) {
        protocol.refuseBinary(connection);
    }

    @OnPongMessage
    void onPong(Buffer data, WebSocketConnection connection) {
        protocol.pong(connection);
    }

    /** Failures of the connection itself, such as a frame or message over the transport's size limits. */
    @OnError
    void onError(Throwable failure, WebSocketConnection connection) {
        protocol.fail(connection, failure);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        protocol.close(connection);
    }
}
