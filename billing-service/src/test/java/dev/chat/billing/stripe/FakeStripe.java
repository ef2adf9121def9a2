package dev.chat.billing.stripe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.net.Webhook;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A local stand-in for Stripe's HTTP API (WireMock on a free loopback port), answering with JSON fixtures of the
 * shapes Stripe returns; the real stripe-java client talks to it. Also signs webhook payloads the way Stripe does,
 * with stripe-java's own HMAC helper, so that the real verification path runs.
 */
public class FakeStripe implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET_KEY = "sk_test_fake";
    public static final String WEBHOOK_SECRET = "whsec_test_secret";
    public static final String PRO_PRICE = "price_pro_monthly";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // Like Stripe, anything the test did not set up is a missing resource in Stripe's error shape, not WireMock's.
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(10)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"error":{"type":"invalid_request_error","code":"resource_missing",
                                 "message":"No such resource."}}""")));
        return Map.of("chat.stripe.api-base", server.baseUrl(), "chat.stripe.secret-key", SECRET_KEY,
                "chat.stripe.webhook-secret", WEBHOOK_SECRET, "chat.stripe.pro-price-id", PRO_PRICE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    /** A fixture from src/test/resources/stripe/, with each {@code ${key}} replaced by its value. */
    public static String fixture(String name, Map<String, Object> values) {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/stripe/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, Object> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", String.valueOf(value.getValue()));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Stripe-Signature header Stripe would send with {@code payload} at {@code epochSeconds}. */
    public static String signature(String payload, long epochSeconds) {
        try {
            String signed = epochSeconds + "." + payload;
            return "t=" + epochSeconds + ",v1=" + Webhook.Util.computeHmacSha256(WEBHOOK_SECRET, signed);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
