package dev.chat.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class BillingHealthTest {

    @Test
    void startsAndReportsReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
