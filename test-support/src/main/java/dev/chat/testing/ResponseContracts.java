package dev.chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * Every JSON answer a test receives from the REST APIs is checked against the schema common-model publishes for it,
 * so the schemas clients generate their types from (the web client does) are the answers' real shape. Refusals are
 * checked against problem.json. An {@code /api/} answer with a JSON body and no schema listed here fails the test:
 * a new endpoint publishes its answer's schema.
 * <p>
 * Quarkus runs it before each test class (META-INF/services), in the class loader the tests use REST Assured from;
 * it installs itself as a REST Assured filter once.
 */
public final class ResponseContracts implements Filter, QuarkusTestBeforeClassCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-fA-F-]{36}";

    /** A route's successful answer: one schema, or an array of items of one schema. */
    private record Route(String method, Pattern path, String schema, boolean array) {
        boolean matches(String requestMethod, String requestPath) {
            return method.equals(requestMethod) && path.matcher(requestPath).matches();
        }
    }

    private static final List<Route> ROUTES = List.of(
            one("GET", "/api/me", "me.json"),
            one("POST", "/api/workspaces", "workspace.json"),
            many("GET", "/api/workspaces/" + UUID + "/channels", "channel.json"),
            one("POST", "/api/workspaces/" + UUID + "/channels", "channel.json"),
            many("GET", "/api/workspaces/" + UUID + "/dms", "direct-message.json"),
            one("POST", "/api/workspaces/" + UUID + "/dms", "direct-message.json"),
            many("GET", "/api/workspaces/" + UUID + "/members", "member.json"),
            many("GET", "/api/workspaces/" + UUID + "/invites", "invite.json"),
            one("POST", "/api/workspaces/" + UUID + "/invites", "invite-created.json"),
            one("POST", "/api/invites/accept", "invite-accepted.json"),
            one("POST", "/api/invites/[^/]+/accept", "invite-accepted.json"),
            one("GET", "/api/channels/" + UUID, "channel.json"),
            one("PATCH", "/api/channels/" + UUID, "channel.json"),
            one("POST", "/api/channels/" + UUID + "/(join|archive)", "channel.json"),
            one("GET", "/api/channels/" + UUID + "/messages", "timeline-page.json"),
            one("GET", "/api/conversations/" + UUID, "conversation.json"),
            one("GET", "/api/conversations/" + UUID + "/messages", "message-page.json"),
            one("POST", "/api/messages", "message.json"),
            one("PATCH", "/api/messages/" + UUID, "message.json"),
            many("GET", "/api/messages/" + UUID + "/versions", "message-version.json"),
            one("PUT", "/api/messages/" + UUID + "/reactions/[^/]+", "reaction-count.json"),
            one("DELETE", "/api/messages/" + UUID + "/reactions/[^/]+", "reaction-count.json"),
            one("GET", "/api/billing", "billing-status.json"),
            one("POST", "/api/billing/(checkout|portal)", "billing-redirect.json"));

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private static Route one(String method, String path, String schema) {
        return new Route(method, Pattern.compile(path), schema, false);
    }

    private static Route many(String method, String path, String schema) {
        return new Route(method, Pattern.compile(path), schema, true);
    }

    @Override
    public void beforeClass(Class<?> testClass) {
        if (INSTALLED.compareAndSet(false, true)) {
            RestAssured.filters(new ResponseContracts());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        String contentType = answer.getContentType();
        String body = answer.asString();
        if (contentType == null || !contentType.contains("json") || body.isEmpty()) {
            return answer;
        }
        String path = URI.create(request.getURI()).getPath();
        if (!path.startsWith("/api/")) {
            return answer;
        }
        JsonNode json = parse(body, request, path);
        if (answer.getStatusCode() >= 400) {
            check("problem.json", json, request.getMethod(), path);
            return answer;
        }
        Route route = ROUTES.stream().filter(r -> r.matches(request.getMethod(), path)).findFirst()
                .orElseThrow(() -> new AssertionError(request.getMethod() + " " + path
                        + " answered JSON but ResponseContracts lists no schema for it"));
        if (route.array()) {
            if (!json.isArray()) {
                throw new AssertionError(request.getMethod() + " " + path + " should answer an array: " + body);
            }
            json.forEach(item -> check(route.schema(), item, request.getMethod(), path));
        } else {
            check(route.schema(), json, request.getMethod(), path);
        }
        return answer;
    }

    private static JsonNode parse(String body, FilterableRequestSpecification request, String path) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.getMethod() + " " + path + " answered JSON that does not parse",
                    e);
        }
    }

    private static void check(String schema, JsonNode json, String method, String path) {
        Set<ValidationMessage> violations = PublishedSchemas.violations(schema, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered outside " + schema + ": " + violations
                    + "\n" + json);
        }
    }
}
