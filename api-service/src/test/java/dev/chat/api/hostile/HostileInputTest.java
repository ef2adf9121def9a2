package dev.chat.api.hostile;

import static dev.chat.api.hostile.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.testing.ChatTestResource;
import dev.chat.testing.DatabaseFingerprint;
import dev.chat.testing.RawHttp;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One example of each kind of hostile input, refused with its code and writing nothing (HostileInputFuzzTest has the rest). */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class HostileInputTest {

    @TestHTTPResource("/")
    URI base;

    RawHttp http;
    UUID workspace;
    UUID general;
    String admin;
    Map<String, String> before;

    @BeforeEach
    void setUp() {
        http = new RawHttp(base);
        workspace = TestData.workspace();
        String subject = TestData.newSubject("admin");
        UUID adminId = TestData.user(subject);
        TestData.activeMember(workspace, adminId, "admin");
        general = TestData.channel(workspace, "general", "public");
        TestData.channelMember(general, adminId);
        admin = Tokens.forSubject(subject);
        before = DatabaseFingerprint.take();
    }

    @AfterEach
    void nothingWritten() {
        assertEquals(before, DatabaseFingerprint.take());
    }

    @Test
    void tokensForAnotherApplicationAreRefused() {
        String subject = TestData.string("SELECT idp_subject FROM users u JOIN workspace_members m ON m.user_id = u.id"
                + " WHERE m.workspace_id = ?", workspace);
        for (String audience : List.of("another-app", "")) {
            assertRefused(http.json("GET", "/api/me", Tokens.forAudience(subject, audience), null),
                    401, "unauthenticated");
            assertRefused(http.json("POST", "/api/messages", Tokens.forAudience(subject, audience),
                    "{\"channel_id\":\"" + general + "\",\"content\":\"hi\"}"), 401, "unauthenticated");
        }
    }

    @Test
    void duplicateKeysAreRefused() {
        assertRefused(http.json("POST", "/api/invites/accept", admin, "{\"token\":\"x\",\"token\":\"y\"}"),
                400, "malformed_json");
        String detail = assertRefused(http.json("POST", "/api/messages", admin,
                "{\"channel_id\":\"" + general + "\",\"content\":\"a\",\"content\":\"b\"}"), 400, "malformed_json");
        assertTrue(detail.contains("Duplicate field 'content'"), detail);
    }

    @Test
    void textPostgresqlCannotStoreIsRefusedNamingTheField() {
        String nul = assertRefused(message("\"a\\u0000b\""), 400, "validation_failed");
        assertEquals("Field 'content' holds a NUL character (\\u0000).", nul);
        String surrogate = assertRefused(message("\"\\ud800\""), 400, "validation_failed");
        assertTrue(surrogate.startsWith("Field 'content' holds an unpaired surrogate"), surrogate);
    }

    @Test
    void sizeLimitsAnswerProblems() {
        String big = "{\"channel_id\":\"" + general + "\",\"content\":\"" + "x".repeat(600_000) + "\"}";
        assertRefused(http.json("POST", "/api/messages", admin, big), 413, "content_too_large");
        assertRefused(http.json("GET", "/api/me?x=" + "a".repeat(10_000), admin, null), 414, "uri_too_long");
        assertRefused(http.send("GET", "/api/me", admin, null, null, Map.of("X-Padding", "p".repeat(20_000))),
                431, "headers_too_large");
        assertRefused(http.streamed("POST", "/api/messages", admin, big), 413, "content_too_large");
    }

    @Test
    void anOversizedBodyOverHttp2EndsOnlyItsOwnStreamWhetherItsLengthIsDeclaredOrNot() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        assertEquals(200, h2.send(get("/api/me"), HttpResponse.BodyHandlers.ofString()).statusCode());
        String big = "{\"channel_id\":\"" + general + "\",\"content\":\"" + "x".repeat(600_000) + "\"}";
        CompletableFuture<HttpResponse<String>> tooLarge = h2.sendAsync(HttpRequest.newBuilder(base.resolve(
                        "/api/messages")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> beside = h2.sendAsync(get("/api/me"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = tooLarge.get();
        assertEquals(HttpClient.Version.HTTP_2, refused.version());
        assertRefused(refused, 413, "content_too_large");
        assertEquals(200, beside.get().statusCode());
        HttpResponse<String> streamed = new RawHttp(base, h2).streamed("POST", "/api/messages", admin, big);
        assertEquals(HttpClient.Version.HTTP_2, streamed.version());
        assertRefused(streamed, 413, "content_too_large");
        assertEquals(200, h2.send(get("/api/me"), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void typesAreNeverCoerced() {
        String channels = "/api/workspaces/" + workspace + "/channels";
        assertEquals("Field 'name' must be a string.",
                assertRefused(http.json("POST", channels, admin, "{\"name\":true}"), 400, "validation_failed"));
        String invites = "/api/workspaces/" + workspace + "/invites";
        assertEquals("Field 'max_uses' must be an integer.",
                assertRefused(http.json("POST", invites, admin, "{\"max_uses\":3.14}"), 400, "validation_failed"));
        assertEquals("Field 'max_uses' must be an integer.",
                assertRefused(http.json("POST", invites, admin, "{\"max_uses\":\"\"}"), 400, "validation_failed"));
        assertEquals("Field 'maxUses' is not known.",
                assertRefused(http.json("POST", invites, admin, "{\"maxUses\":3}"), 400, "validation_failed"));
    }

    @Test
    void outOfRangeNumbersAndBadParametersNameTheField() {
        String invites = "/api/workspaces/" + workspace + "/invites";
        assertEquals("Field 'max_uses' is out of range.", assertRefused(
                http.json("POST", invites, admin, "{\"max_uses\":99999999999999}"), 400, "validation_failed"));
        assertEquals("Parameter 'limit' must be an integer.", assertRefused(
                http.json("GET", "/api/channels/" + general + "/messages?limit=ten", admin, null),
                400, "validation_failed"));
    }

    @Test
    void trailingDataAndMissingJsonContentTypeAreRefused() {
        assertRefused(message("\"hi\"}xyz", false), 400, "malformed_json");
        assertRefused(http.json("POST", "/api/messages", admin,
                "{\"channel_id\":\"" + general + "\",\"content\":\"hi\"}{}"), 400, "malformed_json");
        assertRefused(http.send("POST", "/api/messages", admin, null,
                "{\"channel_id\":\"" + general + "\",\"content\":\"hi\"}", Map.of()), 415, "unsupported_media_type");
        assertRefused(http.send("POST", "/api/messages", admin, "text/plain",
                "{\"channel_id\":\"" + general + "\",\"content\":\"hi\"}", Map.of()), 415, "unsupported_media_type");
    }

    @Test
    void pathIdsMustBeCanonical() {
        for (String id : List.of("1-1-1-1-1", general.toString().substring(1), general + "0")) {
            assertRefused(http.json("GET", "/api/channels/" + id, admin, null), 400, "validation_failed");
        }
    }

    @Test
    void namesMustShowSomethingAndNothingThatDisguisesThem() {
        String channels = "/api/workspaces/" + workspace + "/channels";
        assertEquals("Field 'name' has no visible character.", assertRefused(
                http.json("POST", channels, admin, "{\"name\":\"\\u200b\\u200c\\u200d\"}"), 400, "validation_failed"));
        assertEquals("Field 'name' holds a bidirectional formatting character (U+202E).", assertRefused(
                http.json("POST", channels, admin, "{\"name\":\"gnp\\u202eexe\"}"), 400, "validation_failed"));
    }

    @Test
    void anUpdateNamesWhatItChanges() {
        String channel = "/api/channels/" + general;
        for (String body : new String[] {"{}", "null", "{\"topic\":null}"}) {
            assertRefused(http.json("PATCH", channel, admin, body), 400, "validation_failed");
        }
        assertRefused(http.send("PATCH", channel, admin, null, null, Map.of()), 400, "validation_failed");
    }

    private HttpResponse<String> message(String content) {
        return message(content, true);
    }

    private HttpResponse<String> message(String content, boolean closed) {
        return http.json("POST", "/api/messages", admin,
                "{\"channel_id\":\"" + general + "\",\"content\":" + content + (closed ? "}" : ""));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + admin).GET().build();
    }
}
