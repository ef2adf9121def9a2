package dev.chat.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The reference web client, built (web-client/dist), served by Vite's preview server with Node.js. It proxies
 * {@code /api/billing}, {@code /api} and {@code /ws} to the services as the Ingress routes them, so the page calls its
 * own origin, and serves {@code /config.json} (the issuer to sign in with) from the settings given here.
 */
public final class WebClientServer {

    private WebClientServer() {
    }

    /** What the client reaches through the preview server, and who it signs in with. */
    public record Targets(String apiUrl, String billingUrl, String gatewayUrl, String issuerUrl) {
        Map<String, String> environment(int port) {
            return Map.of("CHAT_WEB_PORT", String.valueOf(port), "CHAT_API_URL", apiUrl,
                    "CHAT_BILLING_URL", billingUrl, "CHAT_GATEWAY_URL", gatewayUrl, "CHAT_OIDC_ISSUER", issuerUrl);
        }
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The origins a gateway must allow for pages served on {@code port}. */
    public static String origins(int port) {
        return "http://127.0.0.1:" + port + ",http://localhost:" + port;
    }

    /**
     * Starts the preview server on {@code port} and waits until it serves the client's configuration. Several may run
     * at once (./run and the browser tests), hence --bypass-lock.
     */
    public static ChildProcess start(Path repositoryRoot, int port, Targets targets, Path logFile) {
        Path client = repositoryRoot.resolve("web-client");
        Path vite = client.resolve("node_modules/vite/bin/vite.js");
        if (!Files.exists(client.resolve("dist/index.html")) || !Files.exists(vite)) {
            throw new IllegalStateException("the web client is not built: run ./mvnw package (or npm ci && npm run "
                    + "build in web-client)");
        }
        ChildProcess process = ChildProcess.start("web-client",
                List.of("node", vite.toString(), "preview", client.toString(), "--port", String.valueOf(port),
                        "--strictPort", "--bypass-lock"),
                targets.environment(port), logFile);
        process.awaitHttpOk(url(port) + "/config.json", Duration.ofSeconds(60));
        return process;
    }
}
