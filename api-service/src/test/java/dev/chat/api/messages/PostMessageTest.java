package dev.chat.api.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.RawHttp;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class PostMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    UUID workspace;
    UUID general;
    UUID alice;
    String aliceSubject;

    @BeforeEach
    void setUp() {
        workspace = TestData.workspace();
        aliceSubject = TestData.newSubject("alice");
        alice = TestData.user(aliceSubject);
        TestData.activeMember(workspace, alice, "admin");
        general = TestData.channel(workspace, "general", "public");
    }

    @Test
    void flatMessageIsStoredWithItsOutboxEventInOneGo() throws Exception {
        String id = as(aliceSubject).body(Map.of("channel_id", general, "content", "hello *team*"))
                .post("/api/messages")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("channel_id", equalTo(general.toString()))
                .body("content", equalTo("hello *team*"))
                .body("author_id", equalTo(alice.toString()))
                .body("conversation_id", nullValue())
                .body("reply_to_message_id", nullValue())
                .body("created_at", notNullValue())
                .extract().path("id");

        assertEquals(1, TestData.count("SELECT count(*) FROM messages WHERE id = ?::uuid", id));
        assertEquals("{channel:" + general + "}",
                TestData.string("SELECT rooms::text FROM outbox WHERE payload->'payload'->>'id' = ?", id));
        JsonNode event = JSON.readTree(
                TestData.string("SELECT payload::text FROM outbox WHERE payload->'payload'->>'id' = ?", id));
        assertEquals("message.created", event.path("type").asText());
        assertEquals(workspace.toString(), event.path("workspace_id").asText());
        assertEquals(Map.of(), Map.copyOf(toMap(PublishedSchemas.violations("event.json", event))));
    }

    @Test
    void repeatedClientMessageIdReturnsTheFirstMessageAndWritesNothing() {
        Map<String, Object> body = Map.of("channel_id", general, "content", "once", "client_msg_id", "c-42");
        String first = as(aliceSubject).body(body).post("/api/messages")
                .then().statusCode(201).header(MessageResource.REPLAYED_HEADER, "false").extract().path("id");
        String second = as(aliceSubject).body(Map.of("channel_id", general, "content", "retried", "client_msg_id", "c-42"))
                .post("/api/messages")
                .then().statusCode(201).header(MessageResource.REPLAYED_HEADER, "true")
                .body("content", equalTo("once")).extract().path("id");

        assertEquals(first, second);
        assertEquals(1, messagesIn(general));
        assertEquals(1, eventsFor(general));
    }

    @Test
    void missingTokenIsUnauthenticated() {
        given().contentType(ContentType.JSON).body(Map.of("channel_id", general, "content", "hi"))
                .post("/api/messages")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated")).body("status", equalTo(401));
        assertNothingWritten();
    }

    @Test
    void forgedTokenIsUnauthenticated() {
        given().contentType(ContentType.JSON).auth().oauth2("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .body(Map.of("channel_id", general, "content", "hi"))
                .post("/api/messages")
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
        assertNothingWritten();
    }

    @Test
    void invalidInputIsRefusedWithAValidationProblem() {
        as(aliceSubject).body(Map.of("channel_id", general)).post("/api/messages")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"));
        as(aliceSubject).body(Map.of("channel_id", general, "content", "   ")).post("/api/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        as(aliceSubject).body(Map.of("content", "no channel")).post("/api/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        as(aliceSubject).body(Map.of("channel_id", "not-a-uuid", "content", "x")).post("/api/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("detail", equalTo("Field 'channel_id' must be a UUID in canonical form (8-4-4-4-12 hexadecimal digits)."));
        as(aliceSubject).body(Map.of("channel_id", general, "content", "x", "client_msg_id", "k".repeat(65)))
                .post("/api/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        as(aliceSubject).body("{\"channel_id\": ").post("/api/messages")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"));
        assertNothingWritten();
    }

    @Test
    void aBodyOfUndeclaredLengthIsReadLikeAnyOther() throws Exception {
        String token = Tokens.forSubject(aliceSubject);
        HttpResponse<String> chunked = new RawHttp(base).streamed("POST", "/api/messages", token,
                "{\"channel_id\":\"" + general + "\",\"content\":\"chunked\"}");
        assertEquals(201, chunked.statusCode(), chunked.body());
        assertEquals("chunked", JSON.readTree(chunked.body()).path("content").asText());

        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        RawHttp http2 = new RawHttp(base, h2);
        assertEquals(200, http2.json("GET", "/api/me", token, null).statusCode()); // the upgrade to h2c
        HttpResponse<String> streamed = http2.streamed("POST", "/api/messages", token,
                "{\"channel_id\":\"" + general + "\",\"content\":\"streamed\"}");
        assertEquals(HttpClient.Version.HTTP_2, streamed.version());
        assertEquals(201, streamed.statusCode(), streamed.body());
        assertEquals(2, messagesIn(general));
    }

    @Test
    void contentOverTheLimitIsRefusedAs413() {
        as(aliceSubject).body(Map.of("channel_id", general, "content", "x".repeat(40_001))).post("/api/messages")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("content_too_large"));
        assertNothingWritten();
    }

    @Test
    void contentAtTheLimitIsAccepted() {
        as(aliceSubject).body(Map.of("channel_id", general, "content", "x".repeat(40_000))).post("/api/messages")
                .then().statusCode(201);
    }

    @Test
    void channelOfAnotherWorkspaceIsNotFound() {
        UUID otherWorkspace = TestData.workspace();
        UUID otherChannel = TestData.channel(otherWorkspace, "secret-plans", "public");
        as(aliceSubject).body(Map.of("channel_id", otherChannel, "content", "hi")).post("/api/messages")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        assertEquals(0, messagesIn(otherChannel));
    }

    @Test
    void unknownChannelIsNotFound() {
        as(aliceSubject).body(Map.of("channel_id", UUID.randomUUID(), "content", "hi")).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void privateChannelIsInvisibleToNonMembersAndOpenToMembers() {
        UUID hidden = TestData.channel(workspace, "leadership", "private");
        String bobSubject = TestData.newSubject("bob");
        UUID bob = TestData.user(bobSubject);
        TestData.activeMember(workspace, bob, "member");

        as(bobSubject).body(Map.of("channel_id", hidden, "content", "let me in")).post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertEquals(0, messagesIn(hidden));

        TestData.channelMember(hidden, bob);
        as(bobSubject).body(Map.of("channel_id", hidden, "content", "now I'm in")).post("/api/messages")
                .then().statusCode(201);
    }

    @Test
    void invitedButNotActiveMemberIsForbidden() {
        String carolSubject = TestData.newSubject("carol");
        TestData.invitedMember(workspace, TestData.user(carolSubject));
        as(carolSubject).body(Map.of("channel_id", general, "content", "early")).post("/api/messages")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("invite_pending"));
        assertNothingWritten();
    }

    @Test
    void callerWithoutAnAccountSeesNoChannel() {
        as(TestData.newSubject("stranger")).body(Map.of("channel_id", general, "content", "hi"))
                .post("/api/messages")
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertNothingWritten();
    }

    @Test
    void archivedChannelTakesNoMessages() {
        TestData.update("UPDATE channels SET archived_at = now() WHERE id = ?", general);
        as(aliceSubject).body(Map.of("channel_id", general, "content", "hi")).post("/api/messages")
                .then().statusCode(409).body("code", equalTo("channel_archived"));
        assertNothingWritten();
    }

    @Test
    void errorsNeverLeakInternals() {
        String body = as(aliceSubject).body("[1,2,3]").post("/api/messages")
                .then().statusCode(400).extract().asString();
        assertTrue(!body.contains("Exception") && !body.contains("dev.chat"), body);
    }

    private void assertNothingWritten() {
        assertEquals(0, messagesIn(general));
        assertEquals(0, eventsFor(general));
    }

    private static long messagesIn(UUID channel) {
        return TestData.count("SELECT count(*) FROM messages WHERE channel_id = ?", channel);
    }

    private static long eventsFor(UUID channel) {
        return TestData.count("SELECT count(*) FROM outbox WHERE ? = ANY (rooms)", "channel:" + channel);
    }

    private static RequestSpecification as(String subject) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.forSubject(subject));
    }

    private static Map<String, String> toMap(java.util.Set<com.networknt.schema.ValidationMessage> violations) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        violations.forEach(v -> map.put(v.getInstanceLocation().toString(), v.getMessage()));
        return map;
    }
}
