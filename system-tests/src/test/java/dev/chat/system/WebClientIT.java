package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chat.local.ChatService;
import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.local.LocalUserDirectory;
import dev.chat.local.OidcIssuer;
import dev.chat.local.WebClientServer;
import dev.chat.testing.Repository;
import dev.chat.testing.TestData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client's browser tests (web-client/e2e, Playwright driving Debian's Chromium) against the real system,
 * started as ./run starts it: api-service, a relay, a gateway and billing-service as processes, and the built client
 * served by Vite's preview server; a second preview server serves it with a billing-service that has a fake Stripe.
 * The tests restart the gateway, complete a Stripe checkout, read invite emails and let an invite expire through a
 * control endpoint only this harness serves.
 */
class WebClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Repository.root().resolve("web-client");
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(8);
    /** The client renews a token a minute before it expires: with these, about 20 s after each sign-in. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(80);

    static RunningSystem system;
    static RunningSystem.Instance gateway;
    static FakeStripe stripe;
    static String billedBilling;
    static InviteMailbox mailbox;
    static ChildProcess webClient;
    static ChildProcess billedWebClient;
    static HttpServer control;
    static ChildProcess issuer;
    static int webPort;
    static int billedWebPort;

    @BeforeAll
    static void startSystem() throws IOException {
        webPort = FreePorts.next();
        billedWebPort = FreePorts.next();
        String webUrl = WebClientServer.url(webPort);
        // An issuer of its own, with tokens short-lived enough that the client must renew one during the tests.
        int issuerPort = FreePorts.next();
        int directoryPort = FreePorts.next();
        Path issuerLog = Path.of("target", "system-logs", "WebClientIT-issuer.log").toAbsolutePath();
        issuer = OidcIssuer.startProcess(issuerPort, directoryPort, TOKEN_LIFETIME, issuerLog);
        String issuerUrl = OidcIssuer.issuerUrl(issuerPort);
        system = new RunningSystem(WebClientIT.class, Map.of("CHAT_INVITES_ACCEPT_URL", webUrl + "/invite",
                "CHAT_INVITES_LOG_LINKS", "true"), issuerUrl, LocalUserDirectory.url(directoryPort));
        mailbox = new InviteMailbox(system.logs().resolve("api-service.log"));
        system.startRelay("outbox-relay");
        gateway = system.instance(ChatService.REALTIME_GATEWAY, "realtime-gateway", Map.of("ALLOWED_ORIGINS",
                WebClientServer.origins(webPort) + "," + WebClientServer.origins(billedWebPort))).start();
        // As ./run: billing-service without Stripe, so an upgrade is refused with billing_not_configured ...
        String billing = system.startBilling(Map.of());
        webClient = WebClientServer.start(Repository.root(), webPort,
                new WebClientServer.Targets(system.apiUrl(), billing, gateway.httpUrl(), issuerUrl),
                system.logs().resolve("web-client.log"));
        // ... and, served on a second port, the same client with a billing-service that has (a fake) Stripe.
        stripe = new FakeStripe();
        billedBilling = system.startBilling("billing-service-stripe",
                stripe.billingSettings(WebClientServer.url(billedWebPort)));
        billedWebClient = WebClientServer.start(Repository.root(), billedWebPort,
                new WebClientServer.Targets(system.apiUrl(), billedBilling, gateway.httpUrl(), issuerUrl),
                system.logs().resolve("web-client-stripe.log"));
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/gateway/stop", exchange -> answer(exchange, () -> {
            gateway.process().kill();
            return null;
        }));
        control.createContext("/gateway/start", exchange -> answer(exchange, () -> {
            gateway.start();
            return null;
        }));
        control.createContext("/stripe/complete-checkout", exchange -> answer(exchange,
                () -> stripe.completeLastCheckout(billedBilling)));
        control.createContext("/mail/latest", exchange -> answer(exchange, () -> Map.of("link",
                mailbox.latestLink(request(exchange).path("to").asText()).orElseThrow())));
        control.createContext("/invites/expire", exchange -> answer(exchange, () -> {
            TestData.expireInvite(request(exchange).path("token").asText());
            return null;
        }));
        control.start();
    }

    @AfterAll
    static void stopSystem() {
        if (control != null) {
            control.stop(0);
        }
        for (ChildProcess client : new ChildProcess[] {webClient, billedWebClient}) {
            if (client != null) {
                client.stop(Duration.ofSeconds(5));
            }
        }
        if (system != null) {
            system.close();
        }
        if (stripe != null) {
            stripe.close();
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
                "CHAT_BILLED_WEB_URL", WebClientServer.url(billedWebPort),
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

    /** Runs a control action; answers 200 with its result as JSON, 204 when it has none, 500 with what failed. */
    private static void answer(HttpExchange exchange, Callable<Object> action) throws IOException {
        try (exchange) {
            Object result = action.call();
            if (result == null) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(result);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            byte[] body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static JsonNode request(HttpExchange exchange) throws IOException {
        return JSON.readTree(exchange.getRequestBody());
    }
}
