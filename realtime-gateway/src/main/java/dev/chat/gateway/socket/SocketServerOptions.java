package dev.chat.gateway.socket;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The HTTP server's WebSocket settings. The protocol's own frame limit (4 KiB, {@link FrameLimits}) is checked by the
 * gateway, which closes with 1009; the transport's limits sit far above it so that such frames reach that check. A
 * single frame over the transport's frame limit fails the decoder, which drops the TCP connection without a close
 * frame (docs/protocol.md, "Closing").
 */
@ApplicationScoped
public class SocketServerOptions implements HttpServerOptionsCustomizer {

    static final int TRANSPORT_MAX_BYTES = 1024 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private static void apply(HttpServerOptions options) {
        options.setWebSocketSubProtocols(List.of(BearerToken.CARRIER))
                .setMaxWebSocketFrameSize(TRANSPORT_MAX_BYTES)
                .setMaxWebSocketMessageSize(TRANSPORT_MAX_BYTES);
    }
}
