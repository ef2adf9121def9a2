package dev.chat.billing.contract;

import dev.chat.billing.stripe.FakeStripe;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.OpenApiDocuments;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
@WithTestResource(FakeStripe.class)
class OpenApiDocumentTest {

    @TestHTTPResource("/q/openapi")
    URI openApi;

    @Test
    void thePublishedDocumentIsWhatTheServiceServes() throws Exception {
        OpenApiDocuments.assertCopyIsCurrent(openApi, "billing-service");
    }
}
