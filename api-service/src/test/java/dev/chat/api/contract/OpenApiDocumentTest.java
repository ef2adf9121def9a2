package dev.chat.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.testing.ChatTestResource;
import dev.chat.testing.OpenApiDocuments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class OpenApiDocumentTest {

    @TestHTTPResource("/q/openapi")
    URI openApi;

    @Test
    void thePublishedDocumentIsWhatTheServiceServes() throws Exception {
        OpenApiDocuments.assertCopyIsCurrent(openApi, "api-service");
    }

    @Test
    void everyOperationListsItsProblemCodesByStatus() {
        // Posting a message: its own refusals (@Refuses) and those of any authenticated call with a body.
        var post = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        String responses = "paths.'/api/messages'.post.responses.";
        assertEquals(List.of("channel_archived", "channel_too_large"), post.getList(responses
                + "'409'.content.'application/problem+json'.schema.allOf[1].properties.code.enum"));
        assertEquals(List.of("rate_limited"), post.getList(responses + "'429'.content.'application/problem+json'"
                + ".schema.allOf[1].properties.code.enum"));
        assertEquals(List.of("unauthenticated"), post.getList(responses + "'401'.content.'application/problem+json'"
                + ".schema.allOf[1].properties.code.enum"));
        assertEquals(List.of("invite_pending"), post.getList(responses + "'403'.content.'application/problem+json'"
                + ".schema.allOf[1].properties.code.enum"));
        assertEquals(List.of("validation_failed", "malformed_json"), post.getList(responses
                + "'400'.content.'application/problem+json'.schema.allOf[1].properties.code.enum"));
        assertEquals("messagePost", post.getString("paths.'/api/messages'.post.operationId"));
        for (String status : List.of("413", "414", "415", "431", "500", "503")) {
            assertTrue(post.getMap(responses + "'" + status + "'") != null, status);
        }
    }
}
