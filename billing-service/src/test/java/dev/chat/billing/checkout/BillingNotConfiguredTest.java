package dev.chat.billing.checkout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without Stripe keys (as in `./run` by default), paid plans are off and everything else works. */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class BillingNotConfiguredTest {

    @Test
    void checkoutPortalAndWebhooksAnswer503WhileTheFreePlanIsShown() {
        UUID workspace = TestData.workspace();
        String admin = TestData.newSubject("admin");
        TestData.activeMember(workspace, TestData.user(admin), "admin");
        String token = Tokens.forSubject(admin);
        given().contentType("application/json").auth().oauth2(token)
                .body(Map.of("workspace_id", workspace, "seats", 12)).post("/api/billing/checkout")
                .then().statusCode(503).body("code", equalTo("billing_not_configured"));
        given().contentType("application/json").auth().oauth2(token)
                .body(Map.of("workspace_id", workspace)).post("/api/billing/portal")
                .then().statusCode(503).body("code", equalTo("billing_not_configured"));
        given().contentType("application/json").header("Stripe-Signature", "t=1,v1=0").body("{}")
                .post("/webhooks/stripe").then().statusCode(503).body("code", equalTo("billing_not_configured"));
        given().auth().oauth2(token).get("/api/billing?workspace_id=" + workspace)
                .then().statusCode(200).body("plan_tier", equalTo("free")).body("seat_limit", equalTo(10));
    }

    @Test
    void onlyAdminsOfTheWorkspaceLearnThatBillingIsNotConfigured() {
        UUID workspace = TestData.workspace();
        String member = TestData.newSubject("member");
        TestData.activeMember(workspace, TestData.user(member), "member");
        String outsider = TestData.newSubject("outsider");
        TestData.user(outsider);
        Map<String, Map<String, Object>> bodies = Map.of("/api/billing/checkout",
                Map.of("workspace_id", workspace, "seats", 12), "/api/billing/portal", Map.of("workspace_id", workspace));
        bodies.forEach((path, body) -> {
            given().contentType("application/json").auth().oauth2(Tokens.forSubject(member)).body(body).post(path)
                    .then().statusCode(403).body("code", equalTo("admin_required"));
            given().contentType("application/json").auth().oauth2(Tokens.forSubject(outsider)).body(body).post(path)
                    .then().statusCode(404).body("code", equalTo("not_found"));
            given().contentType("application/json").body(body).post(path)
                    .then().statusCode(401).body("code", equalTo("unauthenticated"));
            given().contentType("application/json").auth().oauth2(Tokens.forAudience(member, "another-app"))
                    .body(body).post(path).then().statusCode(401).body("code", equalTo("unauthenticated"));
        });
    }
}
