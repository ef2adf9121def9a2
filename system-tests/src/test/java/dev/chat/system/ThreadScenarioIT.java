package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.ChatSocket;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real-time thread scenario across real processes: A replies to a flat message both see, and B sees the thread
 * appear and grow in the channels showing it, without any REST call of its own.
 */
class ThreadScenarioIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static RunningSystem system;
    static String gateway;

    @BeforeAll
    static void startSystem() {
        system = new RunningSystem(ThreadScenarioIT.class);
        system.startRelay("outbox-relay");
        gateway = system.startGateway("realtime-gateway");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void userBSeesTheThreadAppearAndGrowWithoutRefreshing() throws Exception {
        UUID workspace = TestData.workspace();
        UUID general = TestData.channel(workspace, "general", "public");
        UUID engineering = TestData.channel(workspace, "engineering", "public");
        String aSubject = TestData.newSubject("a");
        String bSubject = TestData.newSubject("b");
        TestData.activeMember(workspace, TestData.user(aSubject), "member");
        TestData.activeMember(workspace, TestData.user(bSubject), "member");

        try (ChatSocket aInGeneral = ChatSocket.connect(gateway, Tokens.forSubject(aSubject));
             ChatSocket bInGeneral = ChatSocket.connect(gateway, Tokens.forSubject(bSubject));
             ChatSocket bInEngineering = ChatSocket.connect(gateway, Tokens.forSubject(bSubject));
             ChatSocket bInThread = ChatSocket.connect(gateway, Tokens.forSubject(bSubject))) {
            aInGeneral.subscribeAndAwait("channel:" + general);
            bInGeneral.subscribeAndAwait("channel:" + general);
            bInEngineering.subscribeAndAwait("channel:" + engineering);

            String root = post(aSubject, general, "shall we ship on Friday?", null);
            assertEquals(root, event(bInGeneral, "message.created").at("/payload/id").asText());

            post(aSubject, general, "yes, and cc #engineering", root);
            JsonNode created = event(bInGeneral, "conversation.created");
            String conversation = created.at("/payload/conversation_id").asText();
            assertEquals(root, created.at("/payload/root_message_id").asText());
            JsonNode firstUpdate = event(bInGeneral, "conversation.updated");
            assertEquals(1, firstUpdate.at("/payload/reply_count").asInt());
            assertEquals(root, firstUpdate.at("/payload/root_message_id").asText());
            assertEquals(engineering.toString(), event(bInGeneral, "conversation.shared").at("/payload/channel_id")
                    .asText());
            JsonNode sharedThere = event(bInEngineering, "conversation.shared");
            assertEquals(conversation, sharedThere.at("/payload/conversation_id").asText());
            // #engineering shows the thread from this one event: its root and "1 reply", no refetch.
            assertEquals(root, sharedThere.at("/payload/root_message/id").asText());
            assertEquals("shall we ship on Friday?", sharedThere.at("/payload/root_message/content").asText());
            assertEquals(1, sharedThere.at("/payload/reply_count").asInt());

            bInThread.subscribeAndAwait("thread:" + conversation);
            String second = post(aSubject, general, "I will prepare the release notes", root);
            assertEquals(second, event(bInThread, "message.created").at("/payload/id").asText());
            for (ChatSocket channelSocket : List.of(bInGeneral, bInEngineering)) {
                JsonNode update = event(channelSocket, "conversation.updated");
                assertEquals(2, update.at("/payload/reply_count").asInt());
                assertEquals(conversation, update.at("/payload/conversation_id").asText());
            }
        }
    }

    /** The next event frame on the socket, which must be of this type and valid against the published schemas. */
    private static JsonNode event(ChatSocket socket, String type) {
        JsonNode frame = socket.next();
        assertEquals("event", frame.path("type").asText(), frame.toString());
        assertEquals(0, PublishedSchemas.violations("event-frame.json", frame).size(), frame.toString());
        JsonNode event = frame.path("event");
        assertEquals(type, event.path("type").asText(), frame.toString());
        return event;
    }

    private static String post(String subject, UUID channel, String content, String replyTo) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("channel_id", channel.toString(), "content", content));
        if (replyTo != null) {
            body.put("reply_to_message_id", replyTo);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.apiUrl() + "/api/messages"))
                .header("Authorization", "Bearer " + Tokens.forSubject(subject))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("id").asText();
    }
}
