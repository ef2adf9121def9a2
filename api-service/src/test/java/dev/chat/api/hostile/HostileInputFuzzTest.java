package dev.chat.api.hostile;

import static dev.chat.api.ApiCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.api.ApiCalls;
import dev.chat.api.Team;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.RawHttp;
import dev.chat.testing.Tokens;
import dev.chat.testing.fuzz.FuzzCase;
import dev.chat.testing.fuzz.FuzzReport;
import dev.chat.testing.fuzz.FuzzRunner;
import dev.chat.testing.fuzz.Mutations;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of hostile requests over every REST endpoint of api-service, generated from the classes of mistakes in
 * docs/reliability.md, deterministic by seed: none may answer 5xx, every refusal is problem+json with a catalogued
 * code, and no refusal writes anything. {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.random=N} sets the random
 * edits per endpoint (100 by default; thousands for a long run).
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class HostileInputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);
    private static final int RANDOM_EDITS = Integer.getInteger("fuzz.random", 100);
    private static final Map<String, String> JSON_HEADERS = Map.of();

    @TestHTTPResource("/")
    URI base;

    /** An endpoint, its valid body (field → JSON value; null for none) and whether it pages. */
    private record Endpoint(String method, String template, Map<String, String> body, boolean paged) {

        String name() {
            return method + " " + template;
        }
    }

    /** What the placeholders of a path name, for one fresh workspace. */
    private record Fixture(Team team, String root, String conversation, String invite, String inviteToken) {

        String path(String template) {
            return template.replace("{workspace}", team.workspace().toString())
                    .replace("{channel}", team.general().toString()).replace("{user}", team.bob().toString())
                    .replace("{root}", root).replace("{conversation}", conversation).replace("{invite}", invite)
                    .replace("{token}", inviteToken);
        }
    }

    @Test
    void noHostileRequestFailsOrWrites() throws Exception {
        FuzzReport report = new FuzzReport();
        List<String> failures;
        try (FuzzRunner runner = new FuzzRunner(new RawHttp(base), report)) {
            Random random = new Random(SEED);
            for (Endpoint endpoint : endpoints()) {
                Fixture fixture = fixture();
                runner.databaseChanged();
                for (FuzzCase fuzz : cases(endpoint, fixture, random)) {
                    runner.run(fuzz);
                }
            }
            failures = runner.failures();
        }
        String table = report.write(Path.of("target", "fuzz", "api-service.md"), "api-service", SEED);
        System.out.println(table);
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(report.cases() >= 2_000, "a run sends a few thousand cases: " + report.cases());
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/me", null, false),
                new Endpoint("POST", "/api/workspaces", Mutations.fields("name", "\"Acme\""), false),
                new Endpoint("GET", "/api/workspaces/{workspace}/members", null, false),
                new Endpoint("DELETE", "/api/workspaces/{workspace}/members/{user}", null, false),
                new Endpoint("POST", "/api/workspaces/{workspace}/invites",
                        Mutations.fields("max_uses", "5", "expires_in_days", "7"), false),
                new Endpoint("POST", "/api/workspaces/{workspace}/invites",
                        Mutations.fields("email", "\"dee@example.com\""), false),
                new Endpoint("GET", "/api/workspaces/{workspace}/invites", null, false),
                new Endpoint("DELETE", "/api/workspaces/{workspace}/invites/{invite}", null, false),
                new Endpoint("POST", "/api/invites/accept", Mutations.fields("token", "\"{token}\""), false),
                new Endpoint("POST", "/api/invites/{token}/accept", null, false),
                new Endpoint("GET", "/api/workspaces/{workspace}/channels", null, false),
                new Endpoint("POST", "/api/workspaces/{workspace}/channels",
                        Mutations.fields("name", "\"design\"", "visibility", "\"private\"", "topic", "\"Pixels\""),
                        false),
                new Endpoint("GET", "/api/channels/{channel}", null, false),
                new Endpoint("PATCH", "/api/channels/{channel}", Mutations.fields("topic", "\"Release train\""), false),
                new Endpoint("POST", "/api/channels/{channel}/archive", null, false),
                new Endpoint("POST", "/api/channels/{channel}/join", null, false),
                new Endpoint("POST", "/api/channels/{channel}/leave", null, false),
                new Endpoint("POST", "/api/channels/{channel}/members", Mutations.fields("user_id", "\"{user}\""),
                        false),
                new Endpoint("DELETE", "/api/channels/{channel}/members/{user}", null, false),
                new Endpoint("POST", "/api/messages", Mutations.fields("channel_id", "\"{channel}\"",
                        "content", "\"hello\"", "client_msg_id", "\"k-1\"", "reply_to_message_id", "\"{root}\""),
                        false),
                new Endpoint("GET", "/api/channels/{channel}/messages", null, true),
                new Endpoint("GET", "/api/conversations/{conversation}", null, false),
                new Endpoint("GET", "/api/conversations/{conversation}/messages", null, true));
    }

    private List<FuzzCase> cases(Endpoint endpoint, Fixture fixture, Random random) {
        String token = Tokens.forSubject(fixture.team().aliceSubject());
        String path = fixture.path(endpoint.template());
        String name = endpoint.name();
        List<FuzzCase> cases = new ArrayList<>();
        byte[] valid = endpoint.body() == null ? null : bytes(fixture.path(Mutations.render(endpoint.body())));
        String type = valid == null ? null : "application/json";
        cases.add(new FuzzCase(name, "valid", endpoint.method(), path, token, type, valid, JSON_HEADERS));
        if (endpoint.body() != null) {
            Map<String, String> body = new LinkedHashMap<>();
            endpoint.body().forEach((field, value) -> body.put(field, fixture.path(value)));
            Mutations.bodies(body, random, RANDOM_EDITS).forEach((kind, bodies) -> bodies.forEach(mutated ->
                    cases.add(new FuzzCase(name, kind, endpoint.method(), path, token, "application/json", mutated,
                            JSON_HEADERS))));
        } else {
            for (String garbage : List.of("{\"x\":1}", "not json", "{")) {
                cases.add(new FuzzCase(name, "unexpected body", endpoint.method(), path, token, "application/json",
                        bytes(garbage), JSON_HEADERS));
                cases.add(new FuzzCase(name, "unexpected body", endpoint.method(), path, token, "text/plain",
                        bytes(garbage), JSON_HEADERS));
            }
        }
        for (String contentType : new String[] {null, "text/plain", "application/json; charset=iso-8859-1",
            "application/x-www-form-urlencoded", "application/json-patch+json", "APPLICATION/JSON; CHARSET=UTF-8"}) {
            cases.add(new FuzzCase(name, "content type", endpoint.method(), path, token, contentType,
                    valid == null ? bytes("{}") : valid, JSON_HEADERS));
        }
        for (String placeholder : placeholders(endpoint.template())) {
            List<String> ids = new ArrayList<>(Mutations.wrongIds());
            ids.add(Mutations.unknownId(random));
            for (String id : ids) {
                String wrongPath = fixture.path(endpoint.template().replace(placeholder, id));
                cases.add(new FuzzCase(name, "path id", endpoint.method(), wrongPath, token, type, valid,
                        JSON_HEADERS));
            }
        }
        if (endpoint.paged()) {
            for (String limit : Mutations.wrongLimits()) {
                cases.add(new FuzzCase(name, "query", "GET", path + "?limit=" + limit, token, null, null,
                        JSON_HEADERS));
            }
            for (String cursor : Mutations.wrongCursors()) {
                cases.add(new FuzzCase(name, "query", "GET", path + "?cursor=" + cursor, token, null, null,
                        JSON_HEADERS));
            }
            cases.add(new FuzzCase(name, "query", "GET", path + "?limit=1&limit=2", token, null, null,
                    JSON_HEADERS));
        }
        for (String credential : new String[] {"", "abc", token + "x", "a.b.c",
            Tokens.forAudience(fixture.team().aliceSubject(), "another-app")}) {
            cases.add(new FuzzCase(name, "token", endpoint.method(), path, credential, type, valid, JSON_HEADERS));
        }
        cases.add(new FuzzCase(name, "token", endpoint.method(), path, null, type, valid,
                Map.of("Authorization", "Basic Zm9vOmJhcg==")));
        cases.add(new FuzzCase(name, "size", endpoint.method(), path + "?pad=" + "p".repeat(9_000), token, type,
                valid, JSON_HEADERS));
        cases.add(new FuzzCase(name, "size", endpoint.method(), path, token, type, valid,
                Map.of("X-Padding", "p".repeat(17_000))));
        cases.add(new FuzzCase(name, "size", endpoint.method(), path, token, "application/json",
                bytes("{\"content\":\"" + "x".repeat(600_000) + "\"}"), JSON_HEADERS));
        return cases;
    }

    private Fixture fixture() {
        Team team = Team.create();
        String root = ApiCalls.post(team.aliceSubject(), team.general(), "root", null);
        String conversation = as(team.aliceSubject()).body(ApiCalls.body(team.general(), "reply", root))
                .post("/api/messages").then().statusCode(201).extract().path("conversation_id");
        Map<String, Object> invite = as(team.aliceSubject()).body(Map.of("max_uses", 3))
                .post("/api/workspaces/" + team.workspace() + "/invites")
                .then().statusCode(201).extract().as(Map.class);
        return new Fixture(team, root, conversation, (String) invite.get("id"), (String) invite.get("token"));
    }

    private static List<String> placeholders(String template) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{[a-z]+}").matcher(template);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }


    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
