package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chat.local.ChatService;
import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.local.LocalUserDirectory;
import dev.chat.local.OidcIssuer;
import dev.chat.local.WebClientServer;
import dev.chat.testing.Repository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client's browser tests (web-client/e2e, Playwright driving Debian's Chromium) against the real system,
 * started as ./run starts it: api-service, a relay, a gateway and billing-service as processes, and the built client
 * served by Vite's preview server. The tests restart the gateway through a control endpoint only this harness serves.
 */
class WebClientIT {

    private static final Path CLIENT = Repository.root().resolve("web-client");
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(8);
    /** The client renews a token a minute before it expires: with these, about 20 s after each sign-in. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(80);

    static RunningSystem system;
    static RunningSystem.Instance gateway;
    static ChildProcess webClient;
    static HttpServer control;
    static ChildProcess issuer;
    static int webPort;

    @BeforeAll
    static void startSystem() throws IOException {
        webPort = FreePorts.next();
        String webUrl = WebClientServer.url(webPort);
        // An issuer of its own, with tokens short-lived enough that the client must renew one during the tests.
        int issuerPort = FreePorts.next();
        int directoryPort = FreePorts.next();
        Path issuerLog = Path.of("target", "system-logs", "WebClientIT-issuer.log").toAbsolutePath();
        issuer = OidcIssuer.startProcess(issuerPort, directoryPort, TOKEN_LIFETIME, issuerLog);
        String issuerUrl = OidcIssuer.issuerUrl(issuerPort);
        system = new RunningSystem(WebClientIT.class, Map.of("CHAT_INVITES_ACCEPT_URL", webUrl + "/invite"),
                issuerUrl, LocalUserDirectory.url(directoryPort));
        system.startRelay("outbox-relay");
        gateway = system.instance(ChatService.REALTIME_GATEWAY, "realtime-gateway",
                Map.of("ALLOWED_ORIGINS", WebClientServer.origins(webPort))).start();
        String billing = system.startBilling(Map.of());
        webClient = WebClientServer.start(Repository.root(), webPort,
                new WebClientServer.Targets(system.apiUrl(), billing, gateway.httpUrl(), issuerUrl),
                system.logs().resolve("web-client.log"));
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/gateway/stop", exchange -> answer(exchange, () -> gateway.process().kill()));
        control.createContext("/gateway/start", exchange -> answer(exchange, gateway::start));
        control.start();
    }

    @AfterAll
    static void stopSystem() {
        if (control != null) {
            control.stop(0);
        }
        if (webClient != null) {
            webClient.stop(Duration.ofSeconds(5));
        }
        if (system != null) {
            system.close();
        }
        if (issuer != null) {
            issuer.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theBrowserTestsPass() throws Exception {
        Path log = Path.of("target", "browser", "web-client-e2e.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(CLIENT.resolve("node_modules/.bin/playwright").toString(),
                "test")).directory(CLIENT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "CHAT_WEB_URL", WebClientServer.url(webPort),
                "CHAT_CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort(),
                "CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")));
        if (System.getenv("CHAT_SCREENSHOTS") != null) {
            builder.environment().put("CHAT_SCREENSHOTS", System.getenv("CHAT_SCREENSHOTS"));
        }
        Process playwright = builder.start();
        boolean finished = playwright.waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            playwright.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertTrue(finished, "the browser tests did not finish within " + SUITE_TIMEOUT + ":\n" + output);
        assertEquals(0, playwright.exitValue(), "the browser tests failed (" + log + "):\n" + output);
    }

    private static void answer(HttpExchange exchange, Runnable action) throws IOException {
        try (exchange) {
            action.run();
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            byte[] body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
