package dev.chat.billing.hostile;

import static dev.chat.billing.stripe.StripeFixtures.listed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.billing.stripe.FakeStripe;
import dev.chat.billing.stripe.StripeFixtures;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.RawHttp;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import dev.chat.testing.fuzz.FuzzCase;
import dev.chat.testing.fuzz.FuzzReport;
import dev.chat.testing.fuzz.FuzzRunner;
import dev.chat.testing.fuzz.Mutations;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * billing-service's endpoints under the same hostile requests as api-service's (HostileInputFuzzTest), Stripe
 * faked: the webhook's cases are signed as Stripe would sign them, so that what follows the signature check is
 * fuzzed too. {@code -Dfuzz.seed} and {@code -Dfuzz.random} as there.
 */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class BillingFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);
    private static final int RANDOM_EDITS = Integer.getInteger("fuzz.random", 100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void noHostileRequestFailsOrWrites() throws Exception {
        FuzzReport report = new FuzzReport();
        Random random = new Random(SEED);
        List<String> failures;
        try (FuzzRunner runner = new FuzzRunner(new RawHttp(base), report)) {
            UUID workspace = workspaceWithStripeCustomer();
            runner.databaseChanged();
            String token = Tokens.forSubject(TestData.string(
                    "SELECT u.idp_subject FROM users u JOIN workspace_members m ON m.user_id = u.id "
                            + "WHERE m.workspace_id = ? AND m.role = 'admin'", workspace));
            for (FuzzCase fuzz : userCases(workspace, token, random)) {
                runner.run(fuzz);
            }
            for (FuzzCase fuzz : webhookCases(workspace, random)) {
                runner.run(fuzz);
            }
            failures = runner.failures();
        }
        System.out.println(report.write(Path.of("target", "fuzz", "billing-service.md"), "billing-service", SEED));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    private static List<FuzzCase> userCases(UUID workspace, String token, Random random) {
        List<FuzzCase> cases = new ArrayList<>();
        String status = "GET /api/billing";
        cases.add(new FuzzCase(status, "valid", "GET", "/api/billing?workspace_id=" + workspace, token, null, null,
                Map.of()));
        List<String> ids = new ArrayList<>(Mutations.wrongIds());
        ids.add(Mutations.unknownId(random));
        ids.add("");
        for (String id : ids) {
            cases.add(new FuzzCase(status, "query", "GET", "/api/billing?workspace_id=" + id, token, null, null,
                    Map.of()));
        }
        cases.add(new FuzzCase(status, "query", "GET", "/api/billing", token, null, null, Map.of()));
        for (String credential : new String[] {"", "abc", token + "x", "a.b.c"}) {
            cases.add(new FuzzCase(status, "token", "GET", "/api/billing?workspace_id=" + workspace, credential,
                    null, null, Map.of()));
        }
        Map<String, Map<String, String>> bodies = new LinkedHashMap<>();
        bodies.put("/api/billing/checkout", Mutations.fields("workspace_id", "\"" + workspace + "\"", "seats", "12"));
        bodies.put("/api/billing/portal", Mutations.fields("workspace_id", "\"" + workspace + "\""));
        bodies.forEach((path, body) -> {
            String name = "POST " + path;
            cases.add(new FuzzCase(name, "valid", "POST", path, token, "application/json",
                    bytes(Mutations.render(body)), Map.of()));
            Mutations.bodies(body, random, RANDOM_EDITS).forEach((kind, mutated) -> mutated.forEach(bytes ->
                    cases.add(new FuzzCase(name, kind, "POST", path, token, "application/json", bytes, Map.of()))));
            for (String credential : new String[] {"", "abc", token + "x"}) {
                cases.add(new FuzzCase(name, "token", "POST", path, credential, "application/json",
                        bytes(Mutations.render(body)), Map.of()));
            }
            cases.add(new FuzzCase(name, "content type", "POST", path, token, "text/plain",
                    bytes(Mutations.render(body)), Map.of()));
            cases.add(new FuzzCase(name, "size", "POST", path, token, "application/json",
                    bytes("{\"x\":\"" + "x".repeat(300_000) + "\"}"), Map.of()));
        });
        return cases;
    }

    /** A Stripe event about the workspace's subscription, then hostile variants of it, each signed. */
    private static List<FuzzCase> webhookCases(UUID workspace, Random random) throws Exception {
        String customer = TestData.string("SELECT stripe_customer_id FROM workspaces WHERE id = ?", workspace);
        String subscription = "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        StripeFixtures.subscriptionIs(subscription, workspace, customer, "active", 12, Instant.now());
        String valid = StripeFixtures.event(StripeFixtures.newEventId(), "invoice.paid",
                StripeFixtures.invoice(workspace, customer, subscription, "paid"), Instant.now());
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode event = JSON.readTree(valid);
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().toString());
        }
        String name = "POST /webhooks/stripe";
        List<FuzzCase> cases = new ArrayList<>();
        cases.add(signed(name, "valid", bytes(Mutations.render(fields))));
        Mutations.bodies(fields, random, RANDOM_EDITS).forEach((kind, bodies) -> bodies.forEach(body ->
                cases.add(signed(name, kind, body))));
        byte[] plain = bytes(Mutations.render(fields));
        for (String signature : new String[] {"", "t=1,v1=00", "v1=" + "0".repeat(64), "t=x,v1=y", "garbage"}) {
            cases.add(new FuzzCase(name, "signature", "POST", "/webhooks/stripe", null, "application/json", plain,
                    signature.isEmpty() ? Map.of() : Map.of("Stripe-Signature", signature)));
        }
        return cases;
    }

    private static FuzzCase signed(String name, String kind, byte[] body) {
        String signature = FakeStripe.signature(new String(body, StandardCharsets.UTF_8),
                Instant.now().getEpochSecond());
        return new FuzzCase(name, kind, "POST", "/webhooks/stripe", null, "application/json", body,
                Map.of("Stripe-Signature", signature));
    }

    private static UUID workspaceWithStripeCustomer() {
        UUID workspace = TestData.workspace();
        String admin = TestData.newSubject("admin");
        TestData.activeMember(workspace, TestData.user(admin), "admin");
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        TestData.update("UPDATE workspaces SET stripe_customer_id = ? WHERE id = ?", customer, workspace);
        FakeStripe.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/checkout/sessions"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/json").withBody(FakeStripe.fixture(
                                "checkout-session.json", Map.of("id", workspace, "workspace_id", workspace,
                                        "customer", customer)))));
        FakeStripe.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/billing_portal/sessions"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/json").withBody(FakeStripe.fixture(
                                "portal-session.json", Map.of("id", workspace, "customer", customer)))));
        listed("/v1/subscriptions", customer);
        listed("/v1/checkout/sessions", customer);
        return workspace;
    }


    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
