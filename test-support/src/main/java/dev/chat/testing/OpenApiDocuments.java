package dev.chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenAPI documents kept in {@code docs/openapi/}: a service's served document must equal its copy, so that the
 * published contract never drifts from the code. On a difference the served one is written to
 * {@code target/openapi/} to be reviewed and copied over.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiDocuments() {
    }

    /** @param served the service's {@code /q/openapi} URL */
    public static void assertCopyIsCurrent(URI served, String service) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(served + "?format=json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(served + " answered " + response.statusCode());
        }
        String current = canonical(JSON.readTree(response.body()));
        Path copy = Repository.root().resolve("docs/openapi").resolve(service + ".json");
        String kept = Files.exists(copy) ? canonical(JSON.readTree(Files.readString(copy))) : "";
        if (!current.equals(kept)) {
            Path written = Path.of("target", "openapi", service + ".json").toAbsolutePath();
            Files.createDirectories(written.getParent());
            Files.writeString(written, current);
            throw new AssertionError("docs/openapi/" + service + ".json differs from what " + service
                    + " serves; review " + written + " and copy it there");
        }
    }

    private static String canonical(JsonNode document) throws IOException {
        return JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
    }
}
