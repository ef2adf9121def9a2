package dev.chat.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.net.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe's API on loopback (WireMock) for billing-service's real Stripe client: customers, Checkout and Customer
 * Portal sessions (whose pages it serves too, for a browser sent there), and subscriptions; and Stripe's side of a
 * payment, a signed {@code customer.subscription.created} webhook sent to billing-service.
 */
final class FakeStripe implements AutoCloseable {

    static final String PRICE_ID = "price_pro_monthly";
    private static final String WEBHOOK_SECRET = "whsec_system_test";
    private static final String CHECKOUT_SESSION = "cs_test_system";
    private static final String EMPTY_LIST = "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/x\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The customer it creates: one per fake, as each test class has its own, and a customer belongs to one workspace. */
    private final String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    /** What a completed checkout bought, and where Stripe sends the buyer back. */
    record Purchase(UUID workspaceId, int seats, String successUrl) {
    }

    FakeStripe() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("{\"id\":\"" + customer
                + "\",\"object\":\"customer\",\"livemode\":false}")));
        server.stubFor(get(urlPathEqualTo("/v1/subscriptions")).willReturn(okJson(EMPTY_LIST)));
        server.stubFor(get(urlPathEqualTo("/v1/checkout/sessions")).willReturn(okJson(EMPTY_LIST)));
        server.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(okJson("{\"id\":\"" + CHECKOUT_SESSION
                + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"status\":\"open\",\"url\":\""
                + server.baseUrl() + "/pay/" + CHECKOUT_SESSION + "\"}")));
        server.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(okJson("{\"id\":\"bps_system\","
                + "\"object\":\"billing_portal.session\",\"customer\":\"" + customer + "\",\"url\":\""
                + server.baseUrl() + "/portal/bps_system\"}")));
        server.stubFor(get(urlPathMatching("/pay/.*")).willReturn(page("Stripe Checkout (fake)")));
        server.stubFor(get(urlPathMatching("/portal/.*")).willReturn(page("Stripe customer portal (fake)")));
    }

    /** billing-service's settings for this Stripe; {@code appUrl} is where Stripe sends the buyer back. */
    Map<String, String> billingSettings(String appUrl) {
        return Map.of("STRIPE_API_BASE", server.baseUrl(), "STRIPE_SECRET_KEY", "sk_test_system",
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET, "STRIPE_PRO_PRICE_ID", PRICE_ID, "APP_URL", appUrl);
    }

    /**
     * Pays the last Checkout Session billing-service created: a subscription for the workspace and seats it asked for,
     * announced to billing-service by webhook.
     */
    Purchase completeLastCheckout(String billingUrl) {
        List<LoggedRequest> created = server.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
        if (created.isEmpty()) {
            throw new IllegalStateException("billing-service has created no Checkout Session");
        }
        Map<String, String> form = form(created.get(created.size() - 1).getBodyAsString());
        UUID workspaceId = UUID.fromString(form.get("client_reference_id"));
        int seats = Integer.parseInt(form.get("line_items[0][quantity]"));
        subscribe(billingUrl, "sub_" + UUID.randomUUID().toString().substring(0, 8), workspaceId, seats);
        return new Purchase(workspaceId, seats, form.get("success_url").replace("{CHECKOUT_SESSION_ID}",
                CHECKOUT_SESSION));
    }

    /** Stripe's subscription {@code id}, active with {@code seats} Pro seats, sent to billing-service by webhook. */
    void subscribe(String billingUrl, String id, UUID workspaceId, int seats) {
        String subscription = subscriptionJson(id, workspaceId, seats);
        server.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + id)).willReturn(okJson(subscription)));
        long now = Instant.now().getEpochSecond();
        String payload = "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\","
                + "\"api_version\":\"2026-07-29.dahlia\",\"created\":" + now
                + ",\"type\":\"customer.subscription.created\",\"data\":{\"object\":" + subscription + "}}";
        try {
            String signature = "t=" + now + ",v1=" + Webhook.Util.computeHmacSha256(WEBHOOK_SECRET, now + "." + payload);
            HttpResponse<String> delivered = HTTP.send(HttpRequest.newBuilder(URI.create(billingUrl + "/webhooks/stripe"))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            if (delivered.statusCode() != 200) {
                throw new IllegalStateException("billing-service refused the webhook: " + delivered.statusCode() + " "
                        + delivered.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private String subscriptionJson(String id, UUID workspaceId, int seats) {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/stripe/subscription.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${id}", id)
                    .replace("${customer}", customer).replace("${status}", "active")
                    .replace("${quantity}", String.valueOf(seats))
                    .replace("${invoice_created}", String.valueOf(Instant.now().getEpochSecond()))
                    .replace("${invoice_status}", "paid").replace("${workspace_id}", workspaceId.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String title) {
        return aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody("<!doctype html><html lang=en>"
                + "<title>" + title + "</title><main><h1>" + title + "</h1></main></html>");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
