package dev.chat.billing.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class BillingStatusTest {

    @Test
    void membersSeeThePlanAndTheSeatsInUse() {
        UUID workspace = TestData.workspace();
        String alice = TestData.newSubject("alice");
        TestData.activeMember(workspace, TestData.user(alice), "member");
        String carol = TestData.newSubject("carol");
        TestData.invitedMember(workspace, TestData.user(carol));

        given().auth().oauth2(Tokens.forSubject(alice)).get("/api/billing?workspace_id=" + workspace)
                .then().statusCode(200)
                .body("plan_tier", equalTo("free")).body("seat_limit", equalTo(10))
                .body("seats_used", equalTo(2)).body("ai_budget_limit", equalTo(0))
                .body("subscription_status", nullValue());
        given().auth().oauth2(Tokens.forSubject(carol)).get("/api/billing?workspace_id=" + workspace)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("invite_pending"));
        String outsider = TestData.newSubject("outsider");
        TestData.activeMember(TestData.workspace(), TestData.user(outsider), "admin");
        given().auth().oauth2(Tokens.forSubject(outsider)).get("/api/billing?workspace_id=" + workspace)
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(Tokens.forSubject(alice)).get("/api/billing")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        given().get("/api/billing?workspace_id=" + workspace)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"));
    }
}
