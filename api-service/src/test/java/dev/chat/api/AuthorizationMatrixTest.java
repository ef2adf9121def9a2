package dev.chat.api;

import static dev.chat.api.ApiCalls.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.testing.ChatTestResource;
import dev.chat.testing.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what (issue: "Authorization everywhere"): every REST call refused to someone from another workspace,
 * an invited member who has not accepted, a removed member, a non-member of a private channel, someone not in a DM,
 * and a member asking for an admin action. Each refusal has its code and writes nothing. Room subscriptions: GatewayTest.
 */
@QuarkusTest
@WithTestResource(ChatTestResource.class)
class AuthorizationMatrixTest {

    private static final String TABLES = """
            SELECT (SELECT count(*) FROM workspace_members) || '/' || (SELECT count(*) FROM channels) || '/'
                || (SELECT count(*) FROM channel_members) || '/' || (SELECT count(*) FROM messages) || '/'
                || (SELECT count(*) FROM conversations) || '/' || (SELECT count(*) FROM invites) || '/'
                || (SELECT count(*) FROM outbox) || '/' || (SELECT coalesce(max(topic), '') FROM channels) || '/'
                || (SELECT count(*) FROM message_versions) || '/' || (SELECT count(edited_at) FROM messages) || '/'
                || (SELECT count(deleted_at) FROM messages) || '/' || (SELECT count(*) FROM message_reactions)
                || '/' || (SELECT count(*) FROM channel_reads) || '/' || (SELECT count(*) FROM conversation_reads)
            """;

    private record Call(String method, String path, Map<String, Object> body) {

        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRefusalHasItsCodeAndWritesNothing() {
        Team team = Team.create();
        String leadershipRoot = ApiCalls.post(team.carolSubject(), team.leadership(), "plans", null);
        ApiCalls.post(team.carolSubject(), team.leadership(), "agreed", leadershipRoot);
        String conversation = TestData.conversationOf(leadershipRoot);
        String generalMessage = ApiCalls.post(team.aliceSubject(), team.general(), "hello", null);
        UUID dm = TestData.directMessage(team.workspace(), team.alice(), team.carol());
        String dmRoot = ApiCalls.post(team.carolSubject(), dm, "between us", null);
        ApiCalls.post(team.aliceSubject(), dm, "indeed", dmRoot);
        String dmConversation = TestData.conversationOf(dmRoot);

        String outsider = TestData.newSubject("outsider");
        TestData.activeMember(TestData.workspace(), TestData.user(outsider), "admin");
        String invited = TestData.newSubject("invited");
        TestData.invitedMember(team.workspace(), TestData.user(invited));
        String removed = TestData.newSubject("removed");
        UUID removedId = TestData.user(removed);
        TestData.activeMember(team.workspace(), removedId, "member");
        as(team.aliceSubject()).delete("/api/workspaces/" + team.workspace() + "/members/" + removedId)
                .then().statusCode(204);

        String ws = "/api/workspaces/" + team.workspace();
        List<Call> memberCalls = List.of(
                call("GET", ws + "/channels"),
                call("POST", ws + "/channels", Map.of("name", "sneaky")),
                call("GET", ws + "/members"),
                call("GET", ws + "/dms"),
                call("POST", ws + "/dms", Map.of("user_ids", List.of(team.bob()))),
                call("GET", "/api/channels/" + team.general()),
                call("GET", "/api/channels/" + team.general() + "/messages"),
                call("POST", "/api/messages", Map.of("channel_id", team.general(), "content", "hi")),
                call("POST", "/api/channels/" + team.engineering() + "/join"),
                call("PATCH", "/api/channels/" + team.general(), Map.of("topic", "mine now")),
                call("POST", "/api/channels/" + team.engineering() + "/archive"),
                call("POST", "/api/channels/" + team.general() + "/read", Map.of("message_id", generalMessage)),
                call("PATCH", "/api/messages/" + generalMessage, Map.of("content", "mine now")),
                call("DELETE", "/api/messages/" + generalMessage),
                call("GET", "/api/messages/" + generalMessage + "/versions"),
                call("PUT", "/api/messages/" + generalMessage + "/reactions/👍"),
                call("DELETE", "/api/messages/" + generalMessage + "/reactions/👍"));
        List<Call> adminCalls = List.of(
                call("POST", ws + "/invites", Map.of()),
                call("GET", ws + "/invites"),
                call("DELETE", ws + "/members/" + team.carol()));
        List<Call> privateCalls = List.of(
                call("GET", "/api/channels/" + team.leadership()),
                call("GET", "/api/channels/" + team.leadership() + "/messages"),
                call("POST", "/api/messages", Map.of("channel_id", team.leadership(), "content", "hi")),
                call("POST", "/api/channels/" + team.leadership() + "/join"),
                call("PATCH", "/api/channels/" + team.leadership(), Map.of("topic", "mine now")),
                call("POST", "/api/channels/" + team.leadership() + "/archive"),
                call("POST", "/api/channels/" + team.leadership() + "/members", Map.of("user_id", team.bob())),
                call("DELETE", "/api/channels/" + team.leadership() + "/members/" + team.carol()),
                call("GET", "/api/conversations/" + conversation),
                call("GET", "/api/conversations/" + conversation + "/messages"),
                call("POST", "/api/conversations/" + conversation + "/read", Map.of("message_id", leadershipRoot)),
                call("POST", "/api/messages", Map.of("channel_id", team.leadership(), "content", "me too",
                        "reply_to_message_id", leadershipRoot)),
                call("PATCH", "/api/messages/" + leadershipRoot, Map.of("content", "mine now")),
                call("POST", "/api/channels/" + team.leadership() + "/read", Map.of("message_id", leadershipRoot)),
                call("DELETE", "/api/messages/" + leadershipRoot),
                call("GET", "/api/messages/" + leadershipRoot + "/versions"),
                call("PUT", "/api/messages/" + leadershipRoot + "/reactions/👍"),
                call("DELETE", "/api/messages/" + leadershipRoot + "/reactions/👍"));

        List<Call> dmCalls = List.of(
                call("GET", "/api/channels/" + dm + "/messages"),
                call("POST", "/api/messages", Map.of("channel_id", dm, "content", "hi")),
                call("POST", "/api/messages", Map.of("channel_id", dm, "content", "me too",
                        "reply_to_message_id", dmRoot)),
                call("GET", "/api/conversations/" + dmConversation + "/messages"),
                call("POST", "/api/conversations/" + dmConversation + "/read", Map.of("message_id", dmRoot)),
                call("POST", "/api/channels/" + dm + "/read", Map.of("message_id", dmRoot)),
                call("PATCH", "/api/messages/" + dmRoot, Map.of("content", "mine now")),
                call("DELETE", "/api/messages/" + dmRoot),
                call("PUT", "/api/messages/" + dmRoot + "/reactions/👍"));

        List<DynamicTest> tests = new ArrayList<>();
        List<Call> everything = new ArrayList<>(memberCalls);
        everything.addAll(adminCalls);
        everything.addAll(privateCalls);
        everything.addAll(dmCalls);
        for (Call call : everything) {
            tests.add(refused("another workspace's admin", outsider, call, 404, "not_found"));
            tests.add(refused("a removed member", removed, call, 404, "not_found"));
        }
        for (Call call : memberCalls) {
            tests.add(refused("an invited member", invited, call, 403, "invite_pending"));
        }
        for (Call call : adminCalls) {
            tests.add(refused("an invited member", invited, call, 403, "invite_pending"));
            tests.add(refused("a member", team.bobSubject(), call, 403, "admin_required"));
        }
        for (Call call : privateCalls) {
            tests.add(refused("a non-member of the private channel", team.bobSubject(), call, 404, "not_found"));
        }
        for (Call call : dmCalls) {
            tests.add(refused("someone not in the DM", team.bobSubject(), call, 404, "not_found"));
        }
        return tests.stream();
    }

    private static DynamicTest refused(String who, String subject, Call call, int status, String code) {
        return DynamicTest.dynamicTest(who + ": " + call, () -> {
            String before = TestData.string(TABLES);
            var request = as(subject);
            if (call.body() != null) {
                request = request.body(call.body());
            }
            request.request(call.method(), call.path()).then().statusCode(status)
                    .contentType("application/problem+json").body("code", equalTo(code));
            assertEquals(before, TestData.string(TABLES), "a refused call writes nothing");
        });
    }

    private static Call call(String method, String path) {
        return new Call(method, path, null);
    }

    private static Call call(String method, String path, Map<String, Object> body) {
        return new Call(method, path, body);
    }
}
