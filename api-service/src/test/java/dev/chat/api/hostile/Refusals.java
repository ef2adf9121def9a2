package dev.chat.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** What every refusal must be: the status, problem+json, and a code that comes with exactly that status. */
final class Refusals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Refusals() {
    }

    /** Asserts the refusal and returns its detail sentence. */
    static String assertRefused(HttpResponse<String> response, int status, String code) {
        String context = response.request().method() + " " + response.request().uri() + " → " + response.statusCode()
                + " " + response.body();
        assertEquals(status, response.statusCode(), context);
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"),
                context);
        JsonNode problem = problem(response);
        assertEquals(code, problem.path("code").asText(), context);
        assertEquals(status, problem.path("status").asInt(), context);
        return problem.path("detail").asText();
    }

    static JsonNode problem(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
